/**
 * The operation registry: every change to the document is one of these
 * (one module per kind in this folder). Menus, keys, the inspector, the
 * dialog, the toolbar, lessons and the CLI all go through it, so one action
 * has one label, one refusal text and one behaviour everywhere.
 */
import type { HostCommands } from '../commands/types';
import { DOMAIN_PLACEHOLDER, domainName } from '../commands/context';
import { shWord } from '../export/shell';
import type { DomainDoc } from '../model/types';
import type { OpResult } from '../ops/types';
import { backupOp } from './backup';
import { commitOp } from './commit';
import { commitStartOp } from './commitStart';
import { convertOp } from './convert';
import { copyOp } from './copy';
import { copyStartOp } from './copyStart';
import { insertBelowOp } from './insertBelow';
import { jobEndOp } from './jobEnd';
import { pullOp } from './pull';
import { rebaseOp } from './rebase';
import { quorumAddOp } from './quorumAdd';
import { quorumRemoveOp } from './quorumRemove';
import { removeOp } from './remove';
import { renumberOp } from './renumber';
import { reparentOp } from './reparent';
import { replaceTextOp } from './replaceText';
import type { OpKind, OpRequest, RequestOf } from '../ops/request';
import { setEndOp } from './setEnd';
import { setFieldsOp } from './setFields';
import { setStateOp } from './setState';
import { snapshotOp } from './snapshot';
import { thresholdOp } from './threshold';
import type { Operation } from './types';
import { wrapQuorumOp } from './wrapQuorum';

export const OPERATIONS: { readonly [K in OpKind]: Operation<K> } = {
  snapshot: snapshotOp,
  commit: commitOp,
  pull: pullOp,
  copy: copyOp,
  backup: backupOp,
  'quorum-add': quorumAddOp,
  'quorum-remove': quorumRemoveOp,
  threshold: thresholdOp,
  renumber: renumberOp,
  'copy-start': copyStartOp,
  'commit-start': commitStartOp,
  'job-end': jobEndOp,
  rebase: rebaseOp,
  'insert-below': insertBelowOp,
  'wrap-quorum': wrapQuorumOp,
  remove: removeOp,
  reparent: reparentOp,
  'set-end': setEndOp,
  'set-fields': setFieldsOp,
  convert: convertOp,
  'set-state': setStateOp,
  'replace-text': replaceTextOp,
};

function op<K extends OpKind>(req: RequestOf<K>): Operation<K> {
  return OPERATIONS[req.kind as K];
}

/** Runs a request: the new document and what happened, or the reason it was refused. Never throws for a refusal. */
export function perform(doc: DomainDoc, req: OpRequest): OpResult {
  return op(req).apply(doc, req as never);
}

/** Yes, or why not (what a disabled menu item or button says). */
export function available(doc: DomainDoc, req: OpRequest): true | string {
  const o = op(req);
  if (o.available) return o.available(doc, req as never);
  const r = o.apply(doc, req as never);
  return r.ok ? true : r.reason;
}

/** What a request is called in the history, a notice and "What happened". */
export function titleOf(req: OpRequest, doc: DomainDoc): string {
  const o = op(req);
  return o.title ? o.title(req as never, doc) : o.label;
}

/**
 * The host commands of a request that was applied to `before` giving
 * `after`, or null for an edit of the document only. Commands run on a host
 * whose guest runs: for an offline document they are those of the same
 * operation on the guest once started, whose nodes carry the ids the offline
 * document shows, and they say so first.
 */
export function commandsOf(before: DomainDoc, req: OpRequest, after: DomainDoc): HostCommands | null {
  const o = op(req);
  if (!o.commands) return null;
  // Renumber has no host side; an offline rebase is qemu-img's work on the stopped guest's images (not a live pull).
  if (before.state === 'running' || req.kind === 'renumber' || req.kind === 'rebase') return o.commands(before, req as never, after);
  const live: DomainDoc = { ...before, state: 'running' };
  const result = perform(live, req);
  const start = `# The guest is offline: start it first (virsh start ${shWord(domainName(before) ?? DOMAIN_PLACEHOLDER)}); libvirt then gives the nodes the ids shown.`;
  if (!result.ok) return { virsh: [start, `# Once it runs: ${result.reason}`], qmp: [], prepare: [], notes: [result.reason] };
  const hc = o.commands(live, req as never, result.doc);
  return { ...hc, virsh: [start, ...hc.virsh], notes: [...hc.notes, 'These commands are for the guest once it runs; offline, the ids shown are what libvirt will assign at start.'] };
}

export type { Operation } from './types';
export type { OpKind, OpRequest, RequestOf, BlockKind } from '../ops/request';
export { BLOCK_KINDS, isBlockKind } from '../ops/request';
