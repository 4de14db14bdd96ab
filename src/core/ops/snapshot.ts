/**
 * Snapshot (domain.md §6; `snapshot-create-as --disk-only`, `blockdev-snapshot`):
 * a new qcow2 overlay on each target, all in one transaction. On a quorum
 * (the design mail): `--at vda` puts one overlay on the quorum, naming each
 * member gives one overlay per member, or any subset.
 */
import type { DomainDoc } from '../model/types';
import { takeId } from '../numbers/ids';
import type { Located } from './locate';
import { findByUid, isChainTop, label, ok, replaceIn, resolveAt, withSrc } from './locate';
import { defaultSnapshotFile, demote, makeImage, newFileReason } from './nodes';
import type { OpResult } from './types';
import { busyReason } from './guards';
import { refuse } from './types';
import { patternReason } from './overlayName';

export interface SnapshotTarget {
  /** The chain top to snapshot: the disk (`vda`) or a quorum member. */
  readonly at: string;
  /** The overlay's file; default: from the name pattern (core/ops/overlayName). */
  readonly file?: string;
}

/** How default overlay files are named: a pattern (`{name}.snap{n}.{ext}`), and today as YYYYMMDD for `{date}`. */
export interface OverlayNames {
  readonly pattern: string;
  readonly date?: string;
}

export function snapshot(doc: DomainDoc, targets: readonly SnapshotTarget[], names?: OverlayNames): OpResult {
  if (targets.length === 0) return refuse('A snapshot needs at least one target.');
  const badPattern = names && targets.some((t) => t.file === undefined) ? patternReason(names.pattern) : null;
  if (badPattern) return refuse(badPattern);
  const resolved: { loc: Located; at: string; file?: string }[] = [];
  for (const t of targets) {
    const loc = resolveAt(doc, t.at);
    if (typeof loc === 'string') return refuse(loc);
    if (!isChainTop(loc)) {
      return refuse(`${t.at} is not a chain top: a snapshot goes on the disk's top or on a quorum member, and ${label(doc, loc.disk, loc.node)} is the backing file of ${label(doc, loc.disk, loc.parent!)}.`);
    }
    const twice = resolved.find((r) => r.loc.node === loc.node);
    if (twice) return refuse(`${t.at} and ${twice.at} name the same node; a snapshot gives each node one overlay.`);
    const busy = busyReason(doc, loc.disk, 'snapshot it');
    if (busy) return refuse(busy);
    resolved.push({ loc, at: t.at, file: t.file });
  }
  // One transaction, several new nodes: libvirt hands out their ids in disk document order, not in the
  // order the command lists the disks (checked: --diskspec vdb,… --diskspec vda,… gives vda the lower id).
  resolved.sort((a, b) => a.loc.disk - b.loc.disk || a.loc.position - b.loc.position);

  let cur = doc;
  const added: string[] = [];
  const parts: string[] = [];
  for (const { loc, file } of resolved) {
    const [id, next] = takeId(cur, loc.disk);
    cur = next;
    const now = findByUid(cur, loc.node.uid)!;
    const path = file ?? defaultSnapshotFile(cur, loc.disk, now.node, id, names);
    const bad = newFileReason(cur, path);
    if (bad) return refuse(bad);
    const top = now.parent === null;
    const overlay = makeImage({ id, format: 'qcow2', file: path, backing: [top ? demote(now.node) : now.node], replacesTop: top ? now.node : undefined });
    cur = top ? withSrc(cur, loc.disk, overlay) : replaceIn(cur, loc.disk, now.node, overlay);
    added.push(overlay.uid);
    parts.push(`${label(cur, loc.disk, overlay)} is the new active overlay on ${label(cur, loc.disk, now.node)}`);
  }
  const plural = parts.length > 1;
  const message =
    `Snapshot${plural ? ` of ${parts.length} nodes in one transaction` : ''}: ${parts.join('; ')}. ` +
    `All existing images remain valid; ${plural ? 'the snapshotted ones are now read-only backing files' : 'the snapshotted one is now a read-only backing file'}.`;
  return ok(cur, added, [], message);
}
