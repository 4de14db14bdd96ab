/**
 * The glossary: every word the lessons, the legend and the inspector use,
 * defined once, in the terms of domain.md. Pure data; `findTerm` maps a word
 * as written in a lesson (any case, an alias) to its entry.
 */
export interface GlossaryEntry {
  readonly term: string;
  /** Other spellings a lesson may link with (lower case). */
  readonly aliases?: readonly string[];
  readonly text: string;
  /** Related entries, by term. */
  readonly see?: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'backing chain',
    aliases: ['chain'],
    text: 'The layers of images behind one disk, written `[A] <- [B] <- [C]`: each is an overlay on the one before it. The guest sees one disk; a read falls through the layers to the first that holds the block.',
    see: ['overlay', 'backing file', 'active layer'],
  },
  {
    term: 'backing file',
    aliases: ['backing store', 'backingstore', 'backing image'],
    text: 'The image an overlay reads through to for blocks it does not hold; in the XML, a `<backingStore>` element. Once something is built on it, it is read-only.',
    see: ['overlay', 'terminated end', 'open end'],
  },
  {
    term: 'overlay',
    text: 'An image (usually qcow2) that records only changes on top of its backing file. A snapshot creates one.',
    see: ['snapshot', 'backing file'],
  },
  {
    term: 'active layer',
    aliases: ['active', 'top'],
    text: 'The top of a chain: the layer the guest writes to. The disk\'s top, or the top of each quorum member\'s chain.',
    see: ['backing chain', 'pivot'],
  },
  {
    term: 'base',
    text: 'The bottom of a chain, or, in a commit or pull, the layer the job stops at: commit writes into it, pull keeps it as the new backing file.',
    see: ['commit', 'pull'],
  },
  {
    term: 'position',
    text: 'Where a node is now: depth-first pre-order over the disk\'s tree, the top is 0 and each `<backingStore>` in document order gets the next number. Recomputed after every edit. In the libvirt dialect the graph shows it quietly as `#N`; in the proposal dialect it is the address, `vda[N]`, the big label.',
    see: ['node id', 'address'],
  },
  {
    term: 'node id',
    aliases: ['id', 'ids'],
    text: 'Which node it is: a number handed out by the counter when the node is created, growing in creation order and never reused while the guest runs. In the libvirt dialect it is the index and the big label `vda[N]`; in the proposal dialect it is in the node name, `ide0-0-0[N]`.',
    see: ['counter', 'index', 'position'],
  },
  {
    term: 'counter',
    text: 'The next id to hand out. Every new node (snapshot, copy, added member) takes its value and the counter moves on; it never goes back. Per disk from 0 in the proposal dialect, one per domain from 1 in libvirt.',
    see: ['node id', 'renumber'],
  },
  {
    term: 'index',
    text: 'What libvirt shipped (since 1.2.4): the stable node id under the name `index`, on `<source index=\'N\'>` and `<backingStore index=\'N\'>`, N ≥ 1 from one counter per domain, printed for running guests only. virsh\'s `vda[N]` means index N. In the proposal dialect `index` on a `<backingStore>` is its position instead.',
    see: ['node id', 'dialect'],
  },
  {
    term: 'address',
    text: '`TARGET[N]` names one node of a disk: N is the position in the proposal dialect and the index (id) in the libvirt dialect; the bare target (`vda`) is the top. A source path names the node with that path.',
    see: ['position', 'index', 'node-name'],
  },
  {
    term: 'quorum',
    aliases: ['member', 'members'],
    text: 'A node with N ≥ 1 members (its `<backingStore>` children) that reads every member and returns an answer only when at least `threshold` of them agree. Each member is the top of a chain of its own. libvirt never merged quorum: only the proposal dialect writes it.',
    see: ['threshold'],
  },
  {
    term: 'threshold',
    text: 'How many quorum members must return the same data for a read to succeed; 1 ≤ threshold ≤ members. QEMU\'s `vote-threshold`.',
    see: ['quorum'],
  },
  {
    term: 'snapshot',
    text: 'virsh `snapshot-create-as --disk-only`, QMP `blockdev-snapshot`: a new qcow2 overlay on a chain top; the old top becomes its read-only backing file. All existing images remain valid.',
    see: ['overlay', 'counter'],
  },
  {
    term: 'commit',
    aliases: ['blockcommit', 'active commit'],
    text: '`virsh blockcommit`, QMP `block-commit`: merges the layers from top down to just above base into base. The committed intermediate images become invalid. On the active layer it is a two-phase job: ready, then pivot (or keep the overlay).',
    see: ['pull', 'pivot', 'base'],
  },
  {
    term: 'pull',
    aliases: ['blockpull', 'stream', 'block-stream'],
    text: '`virsh blockpull`, QMP `block-stream`: copies data from the layers below up into a layer and drops them from the chain. The pulled-out images are unchanged and stay valid.',
    see: ['commit', 'base'],
  },
  {
    term: 'copy/mirror',
    aliases: ['copy', 'mirror', 'blockcopy', 'blockdev-mirror'],
    text: '`virsh blockcopy`, QMP `blockdev-mirror`: copies the disk to a new image while the guest runs (full: the whole chain; shallow: the top only, keeping its backing). Shows as `<mirror>` meanwhile; when ready, pivot or cancel. The new node takes the next id even on cancel.',
    see: ['pivot'],
  },
  {
    term: 'pivot',
    text: 'The second phase of a copy or an active commit: the disk switches to the new image (or to the base) as its active layer.',
    see: ['copy/mirror', 'commit'],
  },
  {
    term: 'node-name',
    aliases: ['node name', 'node-names', 'node names'],
    text: 'QEMU\'s name for a block node: `^[A-Za-z][A-Za-z0-9_.-]*$`, at most 31 bytes, unique. libvirt uses `libvirt-N-storage` and `libvirt-N-format`. `ide0-0-0[1]` and `vda[1]` are not node-names but addresses.',
    see: ['address', 'index'],
  },
  {
    term: 'dialect',
    text: 'How the XML writes ids. libvirt: `index` attributes, one counter per domain from 1, no quorum. Proposal (the 2014 design mail): `node=\'[N]\'` on each driver, a counter per disk from 0, `index` = position, and quorum.',
    see: ['index', 'node id'],
  },
  {
    term: 'terminated end',
    aliases: ['terminated'],
    text: '`<backingStore/>` (empty): this image has no backing file, and nobody probes. Drawn as a ground bar.',
    see: ['open end'],
  },
  {
    term: 'open end',
    aliases: ['open'],
    text: 'No `<backingStore>` at all: unknown. libvirt and QEMU read the image header to find out whether there is a backing file. Drawn as "?".',
    see: ['terminated end'],
  },
  {
    term: 'guest state',
    aliases: ['running', 'offline'],
    text: 'Part of the document: offline or running. A document read with ids is running and keeps them; one without is offline and numbered fresh. Renumbering is allowed only offline.',
    see: ['renumber'],
  },
  {
    term: 'renumber',
    aliases: ['fresh numbering'],
    text: 'Offline only: ids restart by the fresh rule. Proposal: per disk from 0 in post-order (backing files before the node they back). libvirt: from 1, disks last to first, each top-down.',
    see: ['counter', 'guest state'],
  },
];

const norm = (s: string): string => s.trim().toLowerCase();

/** The entry a word names (its term or an alias, any case), or undefined. */
export function findTerm(word: string): GlossaryEntry | undefined {
  const w = norm(word);
  return GLOSSARY.find((e) => e.term === w || (e.aliases ?? []).includes(w));
}
