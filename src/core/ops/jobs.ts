/**
 * Two-phase block jobs (domain.md §6): a copy or an active commit first runs
 * until it is ready, shown by libvirt as a `<mirror>` on the disk, and only
 * then ends: pivot, or cancel (copy) / keep the overlay (commit). Each phase
 * is its own operation, so each is one undo step and the XML shows the job
 * while it runs. The one-shot `copy` and `commit` give the same end results.
 */
import type { DiskDef, DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { mirrorElement, readMirror, withMirror, withoutMirror } from '../jobs/mirror';
import { addressOf } from '../numbers/address';
import { sourceText } from '../numbers/names';
import { takeId } from '../numbers/ids';
import type { XmlElement } from '../xml/tree';
import { el, isElement, withAttr } from '../xml/tree';
import { commit } from './commit';
import type { Located } from './locate';
import { isChainTop, isQuorum, label, labels, ok, resolveAt, subtreeUids } from './locate';
import { imagesInUse, makeImage, newFileReason } from './nodes';
import type { OpResult } from './types';
import { busyReason } from './guards';
import { refuse } from './types';
import { rules } from '../dialect/rules';

export interface StartCopyArgs {
  /** The disk (its top): libvirt keeps one `<mirror>` per disk. */
  readonly at: string;
  readonly dest: string;
  /** Copy the top only; the copy keeps the top's backing chain. */
  readonly shallow?: boolean;
}

export interface StartCommitArgs {
  /** The disk's active layer. */
  readonly top: string;
  readonly base: string;
}

export type JobEnd = 'pivot' | 'cancel' | 'keep-overlay';

function setDisk(doc: DomainDoc, di: number, disk: DiskDef): DomainDoc {
  const disks = doc.disks.slice();
  disks[di] = disk;
  return { ...doc, disks };
}

/** Why disk `di` cannot start a job (the guest is offline, or a job already runs), or null. */
function jobStartReason(doc: DomainDoc, di: number, what: string): string | null {
  if (doc.state !== 'running') {
    return `The guest is offline: a ${what} job runs inside QEMU, so it needs a running guest. Switch the guest to running, or apply the ${what} at once.`;
  }
  return busyReason(doc, di, `start a ${what} job`);
}

export function startCopy(doc: DomainDoc, args: StartCopyArgs): OpResult {
  const at = resolveAt(doc, args.at);
  if (typeof at === 'string') return refuse(at);
  const di = at.disk;
  const top = at.node;
  if (at.parent !== null) {
    const where = isChainTop(at) ? 'a quorum member' : `the backing file of ${label(doc, di, at.parent)}`;
    return refuse(`${args.at} is ${where}: a copy job mirrors the whole disk (libvirt shows one <mirror> per disk). Copy the disk, or copy the member at once.`);
  }
  const why = jobStartReason(doc, di, 'copy');
  if (why) return refuse(why);
  const bad = newFileReason(doc, args.dest) ?? mirrorUseReason(doc, args.dest);
  if (bad) return refuse(bad);
  if (args.shallow && isQuorum(top)) return refuse(`${args.at} is a quorum; a shallow copy keeps the top's backing, but one qcow2 image cannot be backed by all the members. Make a full copy.`);
  if (args.shallow && top.backing.length > 1) return refuse(`${label(doc, di, top)} has several backing stores; a shallow copy can keep only one.`);

  // QEMU creates the destination node now, so it takes its id now (kept on cancel too).
  const [id, next] = takeId(doc, di);
  const format = args.shallow ? 'qcow2' : top.format !== null && top.format !== 'quorum' ? top.format : 'qcow2';
  // The guest runs (checked above), so the id is written the way the dialect writes ids.
  const proposal = rules(next).idAttribute === 'node';
  const formatEl = el('format', proposal ? [['type', format], ['node', `[${id}]`]] : [['type', format]]);
  const sourceEl = el('source', proposal ? [['file', args.dest]] : [['file', args.dest], ['index', String(id)]]);
  // libvirt 9.0 prints a full copy's mirror as terminated, and a shallow one with no <backingStore> at all
  // (its backing chain is the disk's own, not repeated).
  const below = args.shallow ? [] : [el('backingStore')];
  const mirror = el('mirror', [['type', 'file'], ['file', args.dest], ['format', format], ['job', 'copy'], ['ready', 'yes']], [formatEl, sourceEl, ...below]);
  const out = setDisk(next, di, withMirror(next.disks[di]!, mirror));
  const kind = args.shallow ? 'shallow copy (the top only; it keeps the backing chain)' : 'full copy (the whole chain, standalone)';
  return ok(
    out,
    [],
    [],
    `Started a ${kind} of ${label(doc, di, top)} to ${args.dest} (id ${id}); the job is ready and the guest's writes now go to both. ` +
      'Pivot to run the disk on the copy, or cancel to keep it as it is. No image of the disk has changed.',
  );
}

/** Why `dest` cannot be a copy's destination because another disk's job already writes it, or null. */
function mirrorUseReason(doc: DomainDoc, dest: string): string | null {
  for (const d of doc.disks) {
    if (readMirror(d, doc.dialect)?.dest === dest) return `${dest} is already the destination of another disk's copy job. Choose another file.`;
  }
  return null;
}

export function startActiveCommit(doc: DomainDoc, args: StartCommitArgs): OpResult {
  const top = resolveAt(doc, args.top);
  if (typeof top === 'string') return refuse(top);
  const di = top.disk;
  if (top.parent !== null) {
    const what = isChainTop(top)
      ? 'the top of a quorum member: the job is shown on the disk, so commit the member at once'
      : 'not the active layer: a commit below the top ends by itself, with no pivot, so apply it at once';
    return refuse(`${args.top} is ${what}.`);
  }
  const why = jobStartReason(doc, di, 'commit');
  if (why) return refuse(why);
  // The one-shot commit checks top, base and the chain between them; keeping the overlay leaves the tree as it is.
  const dry = commit(doc, { top: args.top, base: args.base, keepOverlay: true });
  if (!dry.ok) return dry;
  const b = (resolveAt(doc, args.base) as Located).node;
  // libvirt shows the base as the mirror: its format, and its source with its index (checked on libvirt 9.0).
  const baseSource = b.source && b.id !== null && rules(doc).idAttribute === 'index' ? { ...b.source, attrs: withAttr(b.source.attrs, 'index', String(b.id)) } : b.source;
  const mirror = el('mirror', [['type', b.type ?? 'file'], ['job', 'active-commit'], ['ready', 'yes']], [
    el('format', b.format === null ? [] : [['type', b.format]]),
    ...(baseSource ? [baseSource] : []),
  ]);
  const committed = preorder(top.node).map((v) => v.node);
  const gone = committed.slice(0, committed.indexOf(b));
  return ok(
    setDisk(doc, di, withMirror(doc.disks[di]!, mirror)),
    [],
    [],
    `Active commit of ${labels(doc, di, gone)} into ${label(doc, di, b)} is ready: the base holds their data now, and the guest's writes go to both. ` +
      `Pivot to run the disk on ${label(doc, di, b)}, after which the committed images are no longer valid; or keep the overlay: ${label(doc, di, top.node)} stays active.`,
  );
}

/** Ends disk `disk`'s job (`disk`: its target or any address on it). */
export function finishJob(doc: DomainDoc, disk: string, end: JobEnd): OpResult {
  const at = resolveAt(doc, disk);
  if (typeof at === 'string') return refuse(at);
  const di = at.disk;
  const d = doc.disks[di]!;
  const job = readMirror(d, doc.dialect);
  const name = label(doc, di, d.src);
  if (!job) return refuse(`${name} has no block job to end.`);
  if (end === 'pivot' && !job.isReady) return refuse(`The ${job.job ?? 'block'} job on ${name} is not ready (ready='${job.ready ?? ''}'); it can pivot only once it is.`);
  const bare = setDisk(doc, di, withoutMirror(d));
  if (job.job === 'copy') {
    if (end === 'keep-overlay') return refuse('Keep overlay ends an active commit; a copy job ends with pivot or cancel.');
    return end === 'pivot' ? pivotCopy(bare, di, d) : cancelCopy(doc, bare, di);
  }
  if (job.job === 'active-commit') {
    if (end === 'cancel') return refuse('A ready active commit ends with pivot or keep overlay (cancelling it in QEMU keeps the overlay too).');
    const base = preorder(d.src).find((v) => v.position > 0 && sourceText(v.node) === job.dest);
    if (!base) return refuse(`The commit's base ${job.dest ?? '(no source)'} is no longer below ${name}; edit or remove the <mirror>.`);
    return commit(bare, { top: addressOf(bare, di, d.src, 0), base: addressOf(bare, di, base.node, base.position), keepOverlay: end === 'keep-overlay' });
  }
  return refuse(`${name}'s <mirror> is a '${job.job ?? 'unnamed'}' job; only copy and active-commit jobs end here.`);
}

function cancelCopy(doc: DomainDoc, bare: DomainDoc, di: number): OpResult {
  const job = readMirror(doc.disks[di]!, doc.dialect)!;
  const id = job.chain[0]!.id;
  return ok(
    bare,
    [],
    [],
    `Cancelled the copy job: ${label(doc, di, doc.disks[di]!.src)} stays as it was. ${job.dest ?? 'The copy'}${id === null ? '' : ` (id ${id}, used up)`} holds a copy as of the cancel; keep or delete it. All images of the disk remain valid.`,
  );
}

/** Ids are unique per domain (libvirt) or per disk (proposal). */
function idInUse(doc: DomainDoc, di: number, id: number): boolean {
  const disks = rules(doc).counter === 'domain' ? doc.disks : [doc.disks[di]!];
  return disks.some((x) => preorder(x.src).some((v) => v.node.id === id));
}

/** The copy's node: the mirror's source (without its id attribute), its format, and its id. */
function pivotCopy(bare: DomainDoc, di: number, d: DiskDef): OpResult {
  const mirror = mirrorElement(d)!;
  const job = readMirror(d, bare.dialect)!;
  const dest = job.dest;
  if (dest === null) return refuse('The <mirror> names no destination; there is nothing to pivot to.');
  if (imagesInUse(bare).has(dest)) return refuse(`${dest} is already used by a disk; the copy cannot take its place.`);
  let doc = bare;
  let id = job.chain[0]!.id;
  // A hand-written mirror may lack an id, or repeat one in use: then the counter gives a fresh one.
  if (id === null || idInUse(bare, di, id)) [id, doc] = takeId(bare, di);
  const top = d.src;
  const shallow = job.shallow;
  const srcEl = mirror.children.find((c): c is XmlElement => isElement(c) && c.name === 'source');
  const made = makeImage({
    id,
    type: job.chain[0]!.type ?? 'file',
    format: job.format ?? top.format ?? 'qcow2',
    file: dest,
    backing: shallow ? top.backing : [],
    end: shallow ? top.end : job.chain[0]!.end === 'open' ? 'open' : 'terminated',
    replacesTop: top,
  });
  const e: SrcNode = srcEl ? { ...made, source: { ...srcEl, attrs: withAttr(srcEl.attrs, 'index', null) } } : made;
  const out = setDisk(doc, di, { ...doc.disks[di]!, src: e });
  const left = shallow ? [top] : preorder(top).map((v) => v.node);
  const many = left.length > 1;
  return ok(
    out,
    [e.uid],
    shallow ? [top.uid] : subtreeUids(top),
    `Pivoted: ${label(out, di, e)} is now the disk's ${shallow ? 'active layer on the same backing chain' : 'standalone image'}. ` +
      `${labels(bare, di, left)} ${many ? 'leave the disk but remain valid images' : 'leaves the disk but remains a valid image'}: a copy does not change its source.`,
  );
}
