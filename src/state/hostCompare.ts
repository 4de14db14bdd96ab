/**
 * "Compare with host": the tool outputs the open document is compared with,
 * and the findings of that comparison (core/check). View state only: it is
 * neither the document nor an undo step. It follows the document: after
 * every change (a Fix, an undo, typing applied) the same outputs are
 * checked again, so a fixed disagreement leaves the list and the graph's
 * ghosts, and an undone fix brings it back.
 */
import { create } from 'zustand';
import { checkAgainst } from '../core/check/index';
import type { CheckFinding, CheckResult } from '../core/check/index';
import type { ImportInput } from '../core/import/index';
import type { DomainDoc } from '../core/model/types';
import { useEditor } from './store';

export interface HostCompareState {
  /** The outputs compared; null while no comparison is shown. */
  readonly inputs: readonly ImportInput[] | null;
  readonly result: CheckResult | null;
  /** The document `result` describes (checked again when the store's differs). */
  readonly of: DomainDoc | null;
}

export const useHostCompare = create<HostCompareState>()(() => ({ inputs: null, result: null, of: null }));

/** The findings on screen, or null while no comparison is shown (or it was refused). */
export function shownFindings(s: HostCompareState): readonly CheckFinding[] | null {
  return s.inputs !== null && s.result?.ok ? s.result.findings : null;
}

function run(inputs: readonly ImportInput[]): CheckResult {
  const doc = useEditor.getState().doc;
  const result = checkAgainst(doc, inputs);
  useHostCompare.setState({ inputs, result, of: doc });
  return result;
}

/** Compares the open document with these outputs and keeps showing the result until closed. */
export function compareWithHost(inputs: readonly ImportInput[]): CheckResult {
  return run(inputs.map((i) => ({ name: i.name, text: i.text })));
}

export function closeCompare(): void {
  useHostCompare.setState({ inputs: null, result: null, of: null });
}

// Subscribed once for the page's life: the comparison is of the document on screen, never of an older one.
useEditor.subscribe((s) => {
  const c = useHostCompare.getState();
  if (c.inputs !== null && c.of !== s.doc) run(c.inputs);
});
