/**
 * Every change to the document as data: what the registry runs, what the
 * store's gateway records, what the CLI parses, and what the host commands
 * are made from. Block operations name nodes by address (what a user types
 * and what virsh takes); graph edits by editor uid (what the graph knows).
 */
import type { ChainEnd, Dialect, GuestState } from '../model/types';
import type { FieldPatch } from './fields';
import type { NodeInit } from './insert';
import type { JobEnd } from './jobs';
import type { OverlayNames, SnapshotTarget } from './snapshot';

export type OpRequest =
  // Block operations (domain.md §6).
  /** `names`: the pattern for default overlay names (core/ops/overlayName) and today, for its `{date}`. */
  | { readonly kind: 'snapshot'; readonly targets: readonly SnapshotTarget[]; readonly names?: OverlayNames }
  | { readonly kind: 'commit'; readonly top: string; readonly base: string; readonly keepOverlay?: boolean }
  | { readonly kind: 'pull'; readonly top: string; readonly base?: string }
  | { readonly kind: 'copy'; readonly at: string; readonly dest: string; readonly shallow?: boolean; readonly cancel?: boolean }
  | { readonly kind: 'backup'; readonly at: string; readonly dest: string }
  | { readonly kind: 'quorum-add'; readonly at: string; readonly file: string }
  | { readonly kind: 'quorum-remove'; readonly at: string }
  | { readonly kind: 'threshold'; readonly at: string; readonly value: number | string }
  | { readonly kind: 'renumber' }
  /** The first phase of a copy: the job runs (libvirt's `<mirror>`) until it ends with job-end. */
  | { readonly kind: 'copy-start'; readonly at: string; readonly dest: string; readonly shallow?: boolean }
  /** The first phase of an active commit. */
  | { readonly kind: 'commit-start'; readonly top: string; readonly base: string }
  /** The second phase of a copy or an active commit on disk `disk`. */
  | { readonly kind: 'job-end'; readonly disk: string; readonly end: JobEnd }
  /**
   * U (`uid`) backs onto N (`onto`), an image further down its own chain; the layers between leave it.
   * Each is an editor uid (the graph's drag of U's backing edge) or an address (the CLI). Offline:
   * qemu-img rebase; running: the pull of U down to N (ops/rebase.ts).
   */
  | { readonly kind: 'rebase'; readonly uid: string; readonly onto: string }
  // Graph edits: the document only, nothing runs on a host.
  | { readonly kind: 'insert-below'; readonly uid: string; readonly init?: NodeInit }
  | { readonly kind: 'wrap-quorum'; readonly uid: string }
  /** With `subtree`, `end` says how the user's chain ends once the subtree has gone (default open: the header decides). */
  | { readonly kind: 'remove'; readonly uid: string; readonly subtree?: boolean; readonly end?: ChainEnd }
  | { readonly kind: 'reparent'; readonly uid: string; readonly parent: string }
  | { readonly kind: 'set-end'; readonly uid: string; readonly end: ChainEnd }
  | { readonly kind: 'set-fields'; readonly uid: string; readonly patch: FieldPatch }
  // The document as a whole.
  | { readonly kind: 'convert'; readonly dialect: Dialect }
  | { readonly kind: 'set-state'; readonly state: GuestState }
  /** New text for the whole document: typing applied, a file opened, an example, a restore. `label` names it in the history. */
  | { readonly kind: 'replace-text'; readonly text: string; readonly label?: string };

export type OpKind = OpRequest['kind'];
export type RequestOf<K extends OpKind> = Extract<OpRequest, { readonly kind: K }>;

/** The block operations, as `strata op` names them. */
export const BLOCK_KINDS = ['snapshot', 'commit', 'pull', 'copy', 'backup', 'quorum-add', 'quorum-remove', 'threshold', 'renumber', 'copy-start', 'commit-start', 'job-end', 'rebase'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export function isBlockKind(kind: OpKind): kind is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(kind);
}
