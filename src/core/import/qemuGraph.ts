/**
 * QEMU's block graph → disks. A disk's top is the node its device uses
 * (query-block, or a backend's `root` edge in the block graph); without
 * devices, every format node that no other node uses as file, backing or
 * member. A format node and its storage node become one layer: the format
 * from the format node's driver, the type (file, block) from the storage
 * node's driver, the path from its file name. Node-names `libvirt-N-format`
 * give the id N. Every chain QEMU holds ends where QEMU has no backing
 * node, so the ends are terminated: that is what the guest sees.
 */
import { locateName, quorumOptions } from './filenames';
import { headerFacts } from './header';
import type { Links, LinkNote } from './qemuLinks';
import { inferLinks, kindOf, linksFromGraph } from './qemuLinks';
import type { BlockGraph, Device, QNode } from './qmpNodes';
import { aliasOfQdev } from './qmpNodes';
import type { ImpDisk, ImpNode, InputFormat, Note, Observation } from './types';
import { ImportError, imageNode, preorderImp } from './types';

/** `libvirt-3-format` → 3; Strata's own export adds the target when ids repeat (`libvirt-vdb-0-format`) or names by position (`strata-vda-p2-format`). */
export function parseNodeName(name: string): { id: number | null; tag: string | null } {
  const m = /^libvirt-(?:(.+)-)?(\d{1,9})-(?:format|storage)$/.exec(name);
  if (m) return { id: Number(m[2]), tag: m[1] ?? null };
  const s = /^strata-(.+)-p\d{1,9}-(?:format|storage)$/.exec(name);
  return { id: null, tag: s ? s[1]! : null };
}

export interface QemuInputs {
  readonly nodes: readonly QNode[];
  readonly graph: BlockGraph | null;
  /** From query-block, in its order. */
  readonly devices: readonly Device[] | null;
  /** Which input each part came from, for the notes. */
  readonly inputs: { readonly nodes: string; readonly graph: string | null; readonly devices: string | null };
}

const STORAGE_TYPE: Readonly<Record<string, 'file' | 'block'>> = { file: 'file', host_device: 'block', host_cdrom: 'block' };

export function readQemuGraph(q: QemuInputs): Observation {
  const input = q.inputs.nodes;
  const notes: Note[] = [];
  const byName = new Map(q.nodes.map((n) => [n.name, n]));
  const linkNotes: LinkNote[] = [];
  const links: Map<string, Links> = q.graph ? linksFromGraph(q.nodes, q.graph) : inferLinks(q.nodes, linkNotes);
  const used = new Set<string>();
  for (const [name, l] of links) {
    if (kindOf(byName.get(name)!) === 'filter') continue;
    for (const c of [l.file, l.backing, ...l.members]) if (c) used.add(c);
  }
  // Through filters (a job's mirror_top, a throttle) to the image below.
  const unfilter = (name: string): string | null => {
    let n = name;
    for (let i = 0; i < q.nodes.length && byName.has(n) && kindOf(byName.get(n)!) === 'filter'; i++) n = links.get(n)?.filtered ?? n;
    // A filter whose child is not known leaves the device without an image the document can show.
    return byName.has(n) && kindOf(byName.get(n)!) !== 'filter' ? n : null;
  };
  const devices: readonly { alias: string | null; root: string | null; removable?: boolean }[] | null =
    q.devices ?? (q.graph && q.graph.backends.length > 0 ? q.graph.backends.map((b) => ({ alias: aliasOfQdev(b.name), root: b.root })) : null);
  const tops = devices
    ? devices.map((d) => ({ alias: d.alias, removable: d.removable === true, root: d.root === null ? null : unfilter(d.root) }))
    : q.nodes.filter((n) => kindOf(n) !== 'filter' && !used.has(n.name)).map((n) => ({ alias: null, removable: false, root: n.name }));
  if (devices) {
    const attached = new Set(tops.map((t) => t.root));
    const loose = q.nodes.filter((n) => kindOf(n) !== 'filter' && !used.has(n.name) && !attached.has(n.name)).map((n) => n.name);
    if (loose.length > 0) notes.push({ severity: 'info', code: 'import-unattached', input, message: `No device uses ${loose.join(', ')} (a job's target, or nodes added by hand): left out of the document.` });
  }
  // An empty removable drive is most likely a cdrom (query-block does not say which kind).
  const disks: ImpDisk[] = tops.map((t) => ({ target: null, device: t.removable ? 'cdrom' : null, alias: t.alias, top: t.root === null ? null : build(t.root, byName, links, notes, input) }));
  for (const ln of linkNotes) {
    const node = disks.flatMap((d) => preorderImp(d.top)).find((n) => n.nodeName === ln.about);
    notes.push({ severity: ln.kind === 'ambiguous' ? 'info' : 'warning', code: ln.kind === 'ambiguous' ? 'import-ambiguous' : 'import-mismatch', input, node, message: ln.message });
  }
  noIndexNotes(disks, notes, input);
  targetsFromNames(disks);
  // libvirt numbers the disks of a guest it starts from the last to the first: the highest top id is the first disk.
  if (!q.devices && disks.every((d) => d.top?.id != null)) disks.sort((a, b) => b.top!.id! - a.top!.id!);
  const format: InputFormat = 'query-named-block-nodes';
  return { format, input, disks, notes, chains: true };
}

/** One disk's tree from its top node, iteratively; a node met twice on one disk (a cycle) ends the chain open there. */
function build(root: string, byName: Map<string, QNode>, links: Map<string, Links>, notes: Note[], input: string): ImpNode {
  const seen = new Set<string>();
  const make = (name: string): ImpNode => {
    const n = byName.get(name)!;
    const l = links.get(name)!;
    const own = parseNodeName(name);
    const node = imageNode({ nodeName: name, id: own.id, header: n.image ? headerFacts(n.image) : null });
    if (n.drv === 'quorum') {
      node.type = 'quorum';
      node.format = 'quorum';
      node.threshold = quorumOptions(n.file)?.threshold ?? null;
      node.end = 'terminated';
      return node;
    }
    const storage = l.file ? byName.get(l.file) : undefined;
    const at = locateName((storage ?? n).file);
    if (!at.ok) throw new ImportError(`QEMU node ${name} is ${at.why}; import reads local files and block devices only.`);
    node.path = at.at.path;
    node.type = storage ? (STORAGE_TYPE[storage.drv] ?? at.at.type) : (STORAGE_TYPE[n.drv] ?? at.at.type);
    // A protocol node a device uses directly is a raw image without a format node.
    node.format = kindOf(n) === 'protocol' ? 'raw' : n.drv;
    if (node.id === null && storage) node.id = parseNodeName(storage.name).id;
    node.end = l.backing === undefined ? 'open' : 'terminated';
    return node;
  };
  const top = make(root);
  seen.add(root);
  const stack: { name: string; node: ImpNode }[] = [{ name: root, node: top }];
  while (stack.length > 0) {
    const { name, node } = stack.pop()!;
    const l = links.get(name)!;
    const below = node.type === 'quorum' ? l.members : l.backing ? [l.backing] : [];
    for (const child of below) {
      if (!byName.has(child)) continue;
      if (seen.has(child)) {
        notes.push({ severity: 'warning', code: 'import-mismatch', input, node, message: `${child} appears twice in the chain of ${root} (a loop in the links): the chain is cut there.` });
        node.end = 'open';
        continue;
      }
      seen.add(child);
      const c = make(child);
      node.below.push(c);
      stack.push({ name: child, node: c });
    }
  }
  return top;
}

function noIndexNotes(disks: readonly ImpDisk[], notes: Note[], input: string): void {
  for (const d of disks) {
    for (const n of preorderImp(d.top)) {
      if (n.id !== null || n.nodeName === null) continue;
      const why = n.nodeName.startsWith('#')
        ? `QEMU opened it itself (from the image header, as for a chain left open), so its node-name ${n.nodeName} is not libvirt's`
        : `its node-name '${n.nodeName}' is not libvirt's libvirt-N-format`;
      notes.push({ severity: 'info', code: 'import-no-index', input, node: n, message: `${n.path ?? n.nodeName} has no id in the document: ${why}.` });
    }
  }
}

/** Strata's own export names nodes after their disk's target when it has to (`libvirt-vdb-0-format`): take the targets back. */
function targetsFromNames(disks: ImpDisk[]): void {
  const tags = disks.map((d) => (d.top?.nodeName ? parseNodeName(d.top.nodeName).tag : null));
  if (tags.some((t) => t === null) || new Set(tags).size !== tags.length) return;
  disks.forEach((d, i) => (d.target = tags[i]!));
}
