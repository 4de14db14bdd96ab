/** All diagnostics for the current document: read-time problems plus validation, computed once per document. */
import { useMemo } from 'react';
import { useEditor } from './store';
import { validate } from '../core/validate';
import type { Diagnostic } from '../core/diagnostics';

export function useDiagnostics(): readonly Diagnostic[] {
  const doc = useEditor((s) => s.doc);
  const read = useEditor((s) => s.readDiagnostics);
  return useMemo(() => [...read, ...validate(doc)].sort((a, b) => a.line - b.line || a.col - b.col), [doc, read]);
}
