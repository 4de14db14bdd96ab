/** The shape every operation shares: a new document, or a refusal with a reason a person can act on. */
import type { DomainDoc } from '../model/types';
import type { Diagnostic } from '../model/diagnostics';

export interface OpSummary {
  /** Editor uids of nodes the operation created. */
  readonly added: readonly string[];
  /** Editor uids of nodes it removed from the tree. */
  readonly removed: readonly string[];
  /** One or two plain sentences: what happened, which images remain valid. */
  readonly message: string;
  /** What reading new text found that the model cannot hold (replace-text only). */
  readonly diagnostics?: readonly Diagnostic[];
}

export type OpResult =
  | { readonly ok: true; readonly doc: DomainDoc; readonly summary: OpSummary }
  | { readonly ok: false; readonly reason: string };

export function refuse(reason: string): OpResult {
  return { ok: false, reason };
}
