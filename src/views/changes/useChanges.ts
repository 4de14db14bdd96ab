/** The diff the Changes view shows: the XML text now (typing not yet applied included) against the chosen baseline. */
import { useMemo } from 'react';
import { lineDiff } from '../../core/diff/hunks';
import type { LineDiff } from '../../core/diff/hunks';
import type { Snapshot } from '../../state/baseline';
import { useBaseline } from '../../state/baseline';
import { useEditor } from '../../state/store';
import type { Since } from './labels';

export interface Changes {
  /** What is compared with: "saved" only when this document was saved. */
  readonly since: Since;
  readonly base: Snapshot;
  readonly hasSaved: boolean;
  readonly opened: Snapshot;
  readonly saved: Snapshot | null;
  /** The text now: what the XML pane shows, so the line numbers are the pane's. */
  readonly text: string;
  readonly draft: boolean;
  readonly diff: LineDiff;
}

export function useChanges(wanted: Since): Changes {
  const opened = useBaseline((s) => s.opened);
  const saved = useBaseline((s) => s.saved);
  const text = useEditor((s) => s.text);
  const draft = useEditor((s) => s.draft);
  const since: Since = wanted === 'saved' && saved !== null ? 'saved' : 'opened';
  const base = since === 'saved' && saved !== null ? saved : opened;
  // Computed only while the view is open; a 10,000-line document with a few changes takes a few ms.
  const diff = useMemo(() => lineDiff(base.text, text), [base.text, text]);
  return { since, base, hasSaved: saved !== null, opened, saved, text, draft, diff };
}
