/**
 * Applying an operation from the UI: through the editor's gateway (`runOp`,
 * one undo step), keeping the document from before so the "What happened"
 * panel can list what left and compute the host commands from
 * (before, request, after). Two-phase jobs start and end here too.
 */
import { hostCommands } from '../../core/commands';
import type { HostCommands, QmpCommand } from '../../core/commands';
import { derive } from '../../core/derive';
import { jobOf, withoutMirror } from '../../core/mirror';
import type { DomainDoc } from '../../core/model/types';
import type { OpResult } from '../../core/ops';
import { resolveAt } from '../../core/ops';
import { finishJob, startActiveCommit, startCopy } from '../../core/ops/jobs';
import type { JobEnd } from '../../core/ops/jobs';
import type { OpRequest } from '../../core/ops/request';
import { applyRequest } from '../../core/ops/request';
import { applyDraft, runOp, useEditor } from '../../state/store';
import type { JobRequest } from './store';
import { rememberJob, setRecord, useOps } from './store';
import { addressFor } from './choices';

type Explain = (before: DomainDoc, after: DomainDoc) => { commands: HostCommands | null; note: string | null };

/** The commands, or none with the reason when the generator fails (a bug there must not lose the applied operation). */
function commandsFor(before: DomainDoc, req: OpRequest, after: DomainDoc): { commands: HostCommands | null; note: string | null } {
  try {
    return { commands: hostCommands(before, req, after), note: null };
  } catch (e) {
    return { commands: null, note: `The host commands could not be worked out: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Runs `run` through the gateway; on success records the change for the panel. Returns the refusal reason, or null. */
export function applyOp(label: string, run: (doc: DomainDoc) => OpResult, explain?: Explain): string | null {
  // Apply pending typing first, so `before` is the document the operation really runs on (runOp refuses broken typing).
  if (useEditor.getState().draft) applyDraft();
  const before = useEditor.getState().doc;
  const reason = runOp(label, run);
  if (reason !== null) return reason;
  const s = useEditor.getState();
  const { commands, note } = explain ? explain(before, s.doc) : { commands: null, note: null };
  if (s.lastChange) setRecord({ change: s.lastChange, before, after: s.doc, commands, commandsNote: note });
  return null;
}

export function applyRequestOp(label: string, req: OpRequest): string | null {
  return applyOp(label, (d) => applyRequest(d, req), (before, after) => commandsFor(before, req, after));
}

/** The requests a running job's two possible endings stand for (the one-shot operations give the same result). */
function endings(req: OpRequest): [OpRequest, OpRequest] {
  if (req.kind === 'copy') return [{ ...req, cancel: false }, { ...req, cancel: true }];
  if (req.kind === 'commit') return [{ ...req, keepOverlay: false }, { ...req, keepOverlay: true }];
  throw new Error(`internal: ${req.kind} is not a job`);
}

function commonPrefix<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && key(a[i]!) === key(b[i]!); i++) out.push(a[i]!);
  return out;
}

/** What both endings of a job run first: the commands that start it, before pivot or cancel. */
function startCommands(before: DomainDoc, req: OpRequest): { commands: HostCommands | null; note: string | null } {
  const both = endings(req).map((r) => {
    const res = applyRequest(before, r);
    return res.ok ? commandsFor(before, r, res.doc).commands : null;
  });
  const [a, b] = both;
  if (!a || !b) return { commands: null, note: null };
  const json = (q: QmpCommand) => JSON.stringify(q);
  return {
    commands: { virsh: commonPrefix(a.virsh, b.virsh, String), qmp: commonPrefix(a.qmp, b.qmp, json), prepare: a.prepare, notes: [] },
    note: 'The commands that start the job; how it ends (pivot, or the other way) adds the rest, shown when you end it.',
  };
}

/** Starts a copy job (`req` a copy request) or an active-commit job (a commit request) on a running guest. */
export function startJob(label: string, req: JobRequest): string | null {
  const seen: { before?: DomainDoc } = {};
  const reason = applyOp(
    label,
    (d) => (req.kind === 'copy' ? startCopy(d, { at: req.at, dest: req.dest, shallow: req.shallow }) : startActiveCommit(d, { top: req.top, base: req.base })),
    (before) => {
      seen.before = before;
      return startCommands(before, req);
    },
  );
  const at = seen.before ? resolveAt(seen.before, req.kind === 'copy' ? req.at : req.top) : null;
  if (reason === null && seen.before && at && typeof at !== 'string') rememberJob(seen.before.disks[at.disk]!.uid, { before: seen.before, req });
  return reason;
}

/** The request a disk's job stands for, read off its `<mirror>` (also for a job the UI did not see start). */
function reqFromJob(doc: DomainDoc, disk: number): JobRequest | null {
  const job = jobOf(doc, disk);
  const derived = derive(doc);
  const v = derived.disks[disk];
  if (!job || !v || job.dest === null) return null;
  if (job.job === 'copy') return { kind: 'copy', at: v.target, dest: job.dest, shallow: job.shallow };
  const base = v.nodes.find((n) => n.position > 0 && n.source === job.dest);
  return base ? { kind: 'commit', top: v.target, base: addressFor(derived, base) } : null;
}

/**
 * The document as it was before a job the UI did not see start (read from
 * text, or after a reload): the disk without its mirror, and the counter
 * back at the id the copy took, so the commands name the copy's node right.
 */
function beforeJob(doc: DomainDoc, disk: number): DomainDoc {
  const job = jobOf(doc, disk);
  const id = job?.job === 'copy' ? (job.chain[0]?.id ?? null) : null;
  const libvirt = doc.dialect === 'libvirt';
  const disks = doc.disks.map((d, i) => (i === disk ? { ...withoutMirror(d), counter: id !== null && !libvirt ? id : d.counter } : d));
  return { ...doc, disks, counter: id !== null && libvirt ? id : doc.counter };
}

function sameJob(a: JobRequest, b: JobRequest): boolean {
  if (a.kind === 'copy' && b.kind === 'copy') return a.dest === b.dest;
  return a.kind === 'commit' && b.kind === 'commit' && a.base === b.base;
}

/** Ends disk `disk`'s job; the panel shows the commands of the whole job, from the document before it started. */
export function endJob(disk: number, end: JobEnd): string | null {
  const doc = useEditor.getState().doc;
  const view = derive(doc).disks[disk];
  if (!view) return 'No such disk.';
  const read = reqFromJob(doc, disk);
  const remembered = useOps.getState().jobs[view.uid];
  // What the UI remembers counts only for the job it saw start (undo and typing can change what runs).
  const start = remembered && read && sameJob(remembered.req, read) ? remembered : null;
  const req = start?.req ?? read;
  const label = end === 'pivot' ? 'Pivot' : end === 'cancel' ? 'Cancel copy' : 'Keep overlay';
  return applyOp(label, (d) => finishJob(d, view.target, end), (before, after) => {
    if (!req) return { commands: null, note: null };
    const whole: OpRequest = req.kind === 'copy' ? { ...req, cancel: end === 'cancel' } : { ...req, keepOverlay: end === 'keep-overlay' };
    const from = start?.before ?? beforeJob(before, disk);
    return commandsFor(from, whole, after);
  });
}
