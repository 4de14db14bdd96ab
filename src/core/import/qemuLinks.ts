/**
 * Which QEMU node uses which: a format node's `file` (its storage node), its
 * `backing` node, a quorum's members. x-debug-query-block-graph lists the
 * edges; without it they are inferred from query-named-block-nodes:
 * - file: libvirt's pairing `libvirt-N-format` / `libvirt-N-storage` (any
 *   `X-format` / `X-storage`), else a protocol node with the same path;
 * - backing: `backing_file` is the backing node's own file name, so the
 *   node whose `file` equals it (a shared base opened twice fits twice:
 *   the first not yet taken is chosen, and said);
 * - members: the quorum's json: name lists each member's options (driver
 *   and path).
 */
import { locateName, locateOptions, quorumOptions } from './filenames';
import { str } from './json';
import type { BlockGraph, QNode } from './qmpNodes';

export const PROTOCOL = new Set(['file', 'host_device', 'host_cdrom', 'nbd', 'iscsi', 'rbd', 'gluster', 'nfs', 'ssh', 'http', 'https', 'ftp', 'ftps', 'null-co', 'null-aio', 'nvme', 'virtio-blk-vhost-user', 'vhost-user-blk']);
/** Filters a job or a throttle puts above a node; the device's image is below them. */
export const FILTER = new Set(['mirror_top', 'commit_top', 'copy-before-write', 'throttle', 'copy-on-read', 'preallocate', 'compress', 'blkdebug', 'blklogwrites', 'snapshot-access']);

export type Kind = 'protocol' | 'filter' | 'format';
export const kindOf = (n: QNode): Kind => (PROTOCOL.has(n.drv) ? 'protocol' : FILTER.has(n.drv) ? 'filter' : 'format');

export interface Links {
  file: string | null;
  /** The backing node, null for none, undefined when the output does not say. */
  backing: string | null | undefined;
  members: string[];
  /** A filter's child. */
  filtered: string | null;
}

export interface LinkNote {
  readonly about: string;
  readonly kind: 'ambiguous' | 'missing';
  readonly message: string;
}

export function linksFromGraph(nodes: readonly QNode[], graph: BlockGraph): Map<string, Links> {
  const links = new Map<string, Links>(nodes.map((n) => [n.name, { file: null, backing: null, members: [], filtered: null }]));
  const members = new Map<string, { n: number; child: string }[]>();
  for (const e of graph.edges) {
    const l = links.get(e.parent);
    if (!l) continue;
    const m = /^children\.(\d+)$/.exec(e.name);
    if (e.name === 'file') l.file = e.child;
    else if (e.name === 'backing') l.backing = e.child;
    else if (m) members.set(e.parent, [...(members.get(e.parent) ?? []), { n: Number(m[1]), child: e.child }]);
    if (e.name === 'file' || e.name === 'backing') l.filtered ??= e.child;
  }
  for (const [name, list] of members) links.get(name)!.members = list.sort((a, b) => a.n - b.n).map((c) => c.child);
  return links;
}

/** The path a node's file name points at, or null (network, unreadable). */
function pathOf(n: QNode): string | null {
  const at = locateName(n.file);
  return at.ok ? at.at.path : null;
}

function stem(name: string, suffix: string): string | null {
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : null;
}

export function inferLinks(nodes: readonly QNode[], notes: LinkNote[]): Map<string, Links> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const links = new Map<string, Links>(nodes.map((n) => [n.name, { file: null, backing: undefined, members: [], filtered: null }]));
  const usedAsFile = new Set<string>();
  const formats = nodes.filter((n) => kindOf(n) === 'format');
  for (const f of formats) {
    if (f.drv === 'quorum') continue;
    const s = stem(f.name, '-format');
    const partner = s === null ? undefined : byName.get(`${s}-storage`);
    let file = partner && kindOf(partner) === 'protocol' ? partner : undefined;
    if (!file) {
      const path = pathOf(f);
      file = nodes.find((p) => kindOf(p) === 'protocol' && !usedAsFile.has(p.name) && p.file === path);
    }
    if (file) {
      links.get(f.name)!.file = file.name;
      usedAsFile.add(file.name);
    }
  }
  const taken = new Set<string>();
  const pick = (about: string, what: string, candidates: QNode[]): string | undefined => {
    const free = candidates.filter((c) => !taken.has(c.name));
    const chosen = (free.length > 0 ? free : candidates)[0];
    if (chosen && candidates.length > 1) {
      notes.push({ about, kind: 'ambiguous', message: `${candidates.length} nodes (${candidates.map((c) => c.name).join(', ')}) fit ${what} of ${about}; ${chosen.name} was chosen. Give x-debug-query-block-graph too for QEMU's own links.` });
    }
    if (chosen) taken.add(chosen.name);
    return chosen?.name;
  };
  for (const f of formats) {
    const l = links.get(f.name)!;
    if (f.drv === 'quorum') {
      l.backing = null;
      for (const [i, child] of (quorumOptions(f.file)?.children ?? []).entries()) {
        const at = locateOptions(child);
        const drv = str(child, 'driver');
        const fits = nodes.filter((n) => n !== f && n.drv === drv && (kindOf(n) === 'format' || !usedAsFile.has(n.name)) && at.ok && pathOf(n) === at.at.path);
        const m = pick(f.name, `member ${i + 1}`, fits);
        if (m) l.members.push(m);
        else notes.push({ about: f.name, kind: 'missing', message: `member ${i + 1} of quorum ${f.name} is not among the listed nodes.` });
      }
      continue;
    }
    if (f.backingFile === null) {
      l.backing = null;
      continue;
    }
    const same = (n: QNode): boolean => n !== f && n.file === f.backingFile;
    let fits = nodes.filter((n) => same(n) && kindOf(n) === 'format');
    // A raw layer without a format node (newer libvirt) is its storage node alone.
    if (fits.length === 0) fits = nodes.filter((n) => same(n) && kindOf(n) === 'protocol' && !usedAsFile.has(n.name));
    l.backing = pick(f.name, 'the backing file', fits);
    if (l.backing === undefined) notes.push({ about: f.name, kind: 'missing', message: `${f.name} has the backing file '${f.backingFile}', but no listed node has that name; the chain is left open there.` });
  }
  for (const f of nodes.filter((n) => kindOf(n) === 'filter')) {
    // A filter's file name is that of the node it filters.
    links.get(f.name)!.filtered = nodes.find((n) => n !== f && kindOf(n) === 'format' && n.file === f.file)?.name ?? null;
  }
  return links;
}
