/** Lessons 1–3: what a backing chain is, how ids are handed out, and positions versus ids. */
import { addedNodes, eventsOf, hasIdGap, lastIndex, newTop, removedSome, selectedView } from './checks';
import { chainLayers } from './simulate';
import type { Lesson, LessonAction } from './types';

const IMG = '/var/lib/libvirt/images';

/** The design mail's 3-file chain (libvirt dialect, offline). */
const MAIL_CHAIN = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/top.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='${IMG}/mid.qcow2'/>
    <backingStore type='file'>
      <format type='qcow2'/>
      <source file='${IMG}/base.qcow2'/>
      <backingStore/>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>
`;

export const backingChain: Lesson = {
  id: 'backing-chain',
  title: 'What a backing chain is',
  summary: 'A guest read falls through the layers to the one that holds the block; a write lands in the active layer.',
  start: MAIL_CHAIN,
  lab: 'blocks',
  // Block 7 sits in mid (so a read falls through one layer); block 6 is nowhere (reads zeros).
  blocks: { [`${IMG}/top.qcow2`]: [1], [`${IMG}/mid.qcow2`]: [3, 7], [`${IMG}/base.qcow2`]: [0, 1, 2, 3, 4, 5] },
  block: 7,
  steps: [
    {
      instruction:
        'The guest sees one disk, `vda`, but it is a [[backing chain]] of three files. Press **Read block** and watch block 7: the [[active layer]] `top.qcow2` is asked first, and a layer that does not hold the block passes the read down to its [[backing file]].',
      check: (s) => eventsOf(s, 'read-block').length > 0,
      demo: [{ kind: 'read', block: 7 }],
    },
    {
      instruction:
        'Now press **Write block** (block 7): a write never goes down the chain, it lands in the active layer. Then read block 7 again: which layer answers now?',
      check: (s) => {
        // A read of the written block, after the write, answered by the top (position 0).
        const w = lastIndex(s, (e) => e.type === 'write-block');
        const written = s.events[w];
        if (written?.type !== 'write-block') return false;
        return s.events.slice(w + 1).some((e) => e.type === 'read-block' && e.block === written.block && e.servedAt === 0);
      },
      hint: (s) => (eventsOf(s, 'write-block').length === 0 ? 'Press Write block first.' : 'Now read the block you wrote (same block number).'),
      demo: [
        { kind: 'write', block: 7 },
        { kind: 'read', block: 7 },
      ],
    },
  ],
  explanation:
    'Each layer stores only the blocks written while it was the active layer. A read asks the top first and falls through to each [[backing file]] until a layer holds the block; if none does, a [[terminated end|terminated end]] reads zeros (try block 6), while an [[open end]] would make QEMU probe the image header for yet another backing file. Writes land in the active layer only (copy-on-write): `mid.qcow2` still holds its old block 7, now hidden by the newer copy on top. That is why a [[snapshot]] is cheap: it only adds a new, empty [[overlay]] on top. A raw image has no allocation map, so a raw layer answers every read.',
};

/** A lone base as the mail starts its snapshot example: proposal dialect, running, id [0], counter 1. */
const LONE_BASE = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' node='[0]'/>
  <source file='${IMG}/base.qcow2'/>
  <backingStore/>
  <target dev='vda' bus='virtio'/>
  <alias name='virtio-disk0'/>
</disk>
`;

const snapVda: LessonAction = { kind: 'op', request: { kind: 'snapshot', targets: [{ at: 'vda' }] } };

export const nodeIds: Lesson = {
  id: 'node-ids',
  title: 'Snapshots and node ids',
  summary: 'The counter only grows: a new node takes its value, and ids are never reused while the guest runs.',
  start: LONE_BASE,
  lab: null,
  steps: [
    {
      instruction:
        'This guest is running with one image, `virtio-disk0[0]`; the disk frame shows the [[counter]] (next id 1). Take a [[snapshot]] of `vda` (virsh\'s `snapshot-create-as --disk-only`): right-click the node for the operations, or press **Do it for me**. The new [[overlay]] becomes position 0 and takes the id the counter held.',
      check: (s) => newTop(s) !== null,
      demo: [snapVda],
    },
    {
      instruction: 'Take another snapshot. Every [[position]] shifts down by one; every [[node id]] stays with its node.',
      check: (s) => newTop(s) !== null && chainLayers(s.doc, 0).length >= 3,
      demo: [snapVda],
    },
    {
      instruction:
        '[[Commit]] the middle overlay away: `virsh blockcommit DOMAIN vda --top vda[1] --base vda[2]` (in this [[dialect]] `vda[N]` is a position; virsh itself, which only knows libvirt\'s numbering, would be given the files\' paths). Watch which ids remain.',
      check: (s) => removedSome(s) && hasIdGap(s.doc),
      demo: [{ kind: 'op', request: { kind: 'commit', top: 'vda[1]', base: 'vda[2]' } }],
    },
    {
      instruction: 'Snapshot once more. Which id will the new overlay get: the free one, or the next from the counter?',
      check: (s) => newTop(s) !== null && hasIdGap(s.doc),
      hint: (s) => (addedNodes(s).length === 0 ? 'Take a snapshot of vda.' : null),
      demo: [snapVda],
    },
  ],
  explanation:
    'The [[counter]] only grows. Each new node (snapshot, copy) takes its value and the counter moves on; [[commit]] and [[pull]] remove nodes and leave gaps, which are never filled while QEMU runs: a name must never come to mean a different image ("as long as qemu is running we cannot reuse old node ids", the design mail). [[Position]]s are the opposite: recomputed after every edit. Offline, **Renumber** in the toolbar hands out fresh ids (in this dialect: per disk from 0, backing files first).',
};

/** A running libvirt guest after a few snapshots and commits: index 6, 4, 3, 1 from the top. */
const GAPPY_CHAIN = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/vm.snap3' index='6'/>
  <backingStore type='file' index='4'>
    <format type='qcow2'/>
    <source file='${IMG}/vm.snap2'/>
    <backingStore type='file' index='3'>
      <format type='qcow2'/>
      <source file='${IMG}/vm.snap1'/>
      <backingStore type='file' index='1'>
        <format type='qcow2'/>
        <source file='${IMG}/vm.qcow2'/>
        <backingStore/>
      </backingStore>
    </backingStore>
  </backingStore>
  <target dev='vda' bus='virtio'/>
  <alias name='virtio-disk0'/>
</disk>
`;

export const twoNumbers: Lesson = {
  id: 'two-numbers',
  title: 'Two numbers: positions and ids',
  summary: 'Every node has a position (where it is now) and an id (who it is); libvirt shipped the id as `index`.',
  start: GAPPY_CHAIN,
  lab: null,
  steps: [
    {
      instruction:
        'Each node shows two numbers. This running guest uses libvirt\'s numbering: the big label `vda[N]` is the virsh address, N the node\'s [[index]] (its [[node id]]), and the small `#N` is its [[position]] (top = #0). Click the node that `virsh blockcommit DOMAIN vda --top vda[3]` would commit.',
      check: (s) => selectedView(s)?.id === 3,
      hint: (s) => {
        const v = selectedView(s);
        if (v?.position === 3) return 'That node is at position #3, but its index is 1. In virsh, vda[3] means index 3: look at the big labels.';
        return v ? `That node's index is ${v.id ?? 'missing'}; find the one labelled vda[3].` : 'Click a node in the graph.';
      },
      demo: [{ kind: 'select', address: 'vda[3]' }],
    },
    {
      instruction:
        'Switch the **Dialect** in the toolbar to `proposal` (the 2014 design mail). The guest is running, so every node keeps its id; only the way the XML writes them changes.',
      check: (s) => s.doc.dialect === 'proposal',
      demo: [{ kind: 'op', request: { kind: 'convert', dialect: 'proposal' } }],
    },
    {
      instruction: 'In the proposal dialect an [[address]] `vda[N]` is a position: the big label is now the position, and the node name beside it carries the id. Click the node that `vda[3]` names now.',
      check: (s) => s.doc.dialect === 'proposal' && selectedView(s)?.position === 3,
      hint: (s) => (selectedView(s)?.id === 3 ? 'That is still the node with id 3. In this dialect vda[3] counts positions from the top (0).' : null),
      demo: [{ kind: 'select', address: 'vda[3]' }],
    },
  ],
  explanation:
    'A [[position]] says where a node is now (pre-order from the top, renumbered after every edit); a [[node id]] says which node it is, for as long as the guest runs. libvirt shipped the mail\'s stable id (since 1.2.4; with `-blockdev` since QEMU 4.2) under the name [[index]]: `<source index=\'N\'>` on the top and `<backingStore index=\'N\'>` below, N ≥ 1, from **one counter per domain**, shared by all disks. At guest start libvirt numbers fresh (disks last to first, each top-down), prints `index` only for running guests and ignores it on define. So `virsh blockcommit DOMAIN vda --top vda[3]` means index 3 (position 2 here), while the proposal wrote ids as `node=\'[N]\'` with a counter per disk from 0 and used `vda[N]` for positions. Old libvirt (before `-blockdev`) printed the depth instead: the same chain, a third meaning.',
};
