/**
 * Default paths for new images, free in the document: a quorum's new member,
 * and a copy's or a backup's destination next to its source.
 */
import type { DerivedDoc, NodeView } from '../numbers/derive';

function usedPaths(derived: DerivedDoc): Set<string> {
  const used = new Set<string>();
  for (const v of derived.byUid.values()) if (v.source !== null) used.add(v.source);
  for (const d of derived.disks) if (d.mirror?.dest) used.add(d.mirror.dest);
  return used;
}

/** A path for a new member of quorum `q` that no node uses: next to its first member, `<target>-member<N>.img`. */
export function freeMemberPath(derived: DerivedDoc, q: NodeView): string {
  const used = usedPaths(derived);
  const disk = derived.disks[q.disk];
  const first = q.childUids.map((u) => derived.byUid.get(u)?.source).find((s): s is string => typeof s === 'string' && s.startsWith('/'));
  const dir = first ? first.slice(0, first.lastIndexOf('/')) || '' : '/var/lib/libvirt/images';
  const base = disk?.target ?? 'disk';
  for (let n = q.members + 1; ; n++) {
    const path = `${dir}/${base}-member${n}.img`;
    if (!used.has(path)) return path;
  }
}

const IMAGE_EXT = /^\.(qcow2|qcow|img|raw|iso|qed|vmdk|vdi|vhd|vhdx)$/i;

/** `/dir/name.qcow2` → `/dir/name.<tag>.qcow2`, numbered until no node of the document uses it. */
export function freePath(derived: DerivedDoc, from: string | null, tag: string, fallbackDir = '/var/lib/libvirt/images'): string {
  const used = usedPaths(derived);
  const path = from !== null && from.startsWith('/') ? from : `${fallbackDir}/disk.qcow2`;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  // Keep a real image extension (`.qcow2`, `.img`); after anything else (`.snap2`) the new file gets `.qcow2`.
  const ext = dot > slash + 1 ? path.slice(dot) : '';
  const [stem, keep] = IMAGE_EXT.test(ext) ? [path.slice(0, dot), ext] : [path, '.qcow2'];
  for (let n = 1; ; n++) {
    const candidate = `${stem}.${tag}${n === 1 ? '' : n}${keep}`;
    if (!used.has(candidate)) return candidate;
  }
}
