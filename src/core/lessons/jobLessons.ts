/** Lessons 4–5: the block jobs. Where the data goes, which images stay valid, and what pivot means. */
import { preorder } from '../model/walk';
import type { DomainDoc } from '../model/types';
import { chainIds, counter, lastSaid, newTop, sameIds } from './checks';
import { chainLayers } from './simulate';
import type { Lesson } from './types';

const IMG = '/var/lib/libvirt/images';

/** A running libvirt guest with three snapshots: index 4 (active), 3, 2, 1 (base). */
const FOUR_LAYERS = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/vm.snap3' index='4'/>
  <backingStore type='file' index='3'>
    <format type='qcow2'/>
    <source file='${IMG}/vm.snap2'/>
    <backingStore type='file' index='2'>
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

export const commitPull: Lesson = {
  id: 'commit-pull',
  title: 'Commit versus pull',
  summary: 'Both shorten a chain; commit moves data down into the base, pull copies it up into the top.',
  start: FOUR_LAYERS,
  lab: null,
  steps: [
    {
      instruction:
        '[[Commit]] `vm.snap2` down into `vm.snap1`: `virsh blockcommit DOMAIN vda --top vda[3] --base vda[2] --wait` (DOMAIN: your domain\'s name; libvirt [[dialect]]: `vda[N]` is the [[index]]). The data of index 3 is written into index 2.',
      check: (s) => sameIds(chainIds(s.doc), [4, 2, 1]) && lastSaid(s, 'Committed'),
      hint: (s) => (sameIds(chainIds(s.doc), [4, 1]) ? 'That merged two layers at once; Reset and commit only vda[3] into vda[2].' : null),
      demo: [{ kind: 'op', request: { kind: 'commit', top: 'vda[3]', base: 'vda[2]' } }],
    },
    {
      instruction:
        'Now [[pull]] instead: `virsh blockpull DOMAIN vda --base vda[1] --wait` copies what `vm.snap1` holds up into the [[active layer]] and drops it from the chain.',
      check: (s) => sameIds(chainIds(s.doc), [4, 1]) && lastSaid(s, 'Pulled'),
      hint: (s) => (sameIds(chainIds(s.doc), [4, 1]) ? 'The chain is right, but that was a commit: the data went down. Undo and pull instead.' : null),
      demo: [{ kind: 'op', request: { kind: 'pull', top: 'vda', base: 'vda[1]' } }],
    },
    {
      instruction:
        'Last, commit the active layer itself: `virsh blockcommit DOMAIN vda --top vda[4] --base vda[1] --active --pivot` merges `vm.snap3` into the base; when the job is ready it [[pivot]]s and the base becomes the active layer.',
      check: (s) => sameIds(chainIds(s.doc), [1]) && lastSaid(s, 'Committed'),
      demo: [{ kind: 'op', request: { kind: 'commit', top: 'vda', base: 'vda[1]' } }],
    },
  ],
  explanation:
    'Both jobs shorten the chain, in opposite directions. **Commit** writes the committed layers\' data down into the [[base]]: the images between top and base stop being valid (`vm.snap2` is useless now; delete it), and only the base and what lies below it are untouched. **Pull** copies data up into the top: the pulled-out layers are not changed, so `vm.snap1` remains a valid image you may keep as a backup. A commit of the [[active layer]] is a two-phase job: QEMU copies, reports ready, then pivots to the base (or keeps the overlay). None of them creates a node, so the [[counter]] does not move and the ids left behind keep their gaps.',
};

/** A running libvirt guest: index 2 (active) on index 1 (base); counter 3. */
const TWO_LAYERS = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='${IMG}/vm.snap1' index='2'/>
  <backingStore type='file' index='1'>
    <format type='qcow2'/>
    <source file='${IMG}/vm.qcow2'/>
    <backingStore/>
  </backingStore>
  <target dev='vda' bus='virtio'/>
  <alias name='virtio-disk0'/>
</disk>
`;

function maxId(doc: DomainDoc): number {
  let m = 0;
  for (const d of doc.disks) for (const v of preorder(d.src)) if (v.node.id !== null && v.node.id > m) m = v.node.id;
  return m;
}

export const copyPivot: Lesson = {
  id: 'copy-pivot',
  title: 'Copy and pivot',
  summary: 'A copy (mirror) writes a new image while the guest runs; pivot switches the disk to it, cancel leaves all as it was.',
  start: TWO_LAYERS,
  lab: null,
  steps: [
    {
      instruction:
        'Make a shallow [[copy|copy/mirror]] of the top and [[pivot]] to it: `virsh blockcopy DOMAIN vda ' +
        IMG +
        '/vm.copy.qcow2 --shallow --format qcow2 --transient-job --pivot` (`--transient-job`: libvirt refuses to copy a persistent domain\'s disk without it). A shallow copy holds the top\'s data only and keeps its [[backing file]].',
      check: (s) => {
        const t = newTop(s);
        return t !== null && sameIds(chainIds(s.doc), [t.id!, 1]);
      },
      demo: [{ kind: 'op', request: { kind: 'copy', at: 'vda', dest: `${IMG}/vm.copy.qcow2`, shallow: true } }],
    },
    {
      instruction: 'Now a full copy: `virsh blockcopy DOMAIN vda ' + IMG + '/vm.full.qcow2 --format qcow2 --transient-job --pivot`. The new image holds the data of the whole chain and stands alone.',
      check: (s) => {
        const t = newTop(s);
        return t !== null && t.end === 'terminated' && chainLayers(s.doc, 0).length === 1;
      },
      demo: [{ kind: 'op', request: { kind: 'copy', at: 'vda', dest: `${IMG}/vm.full.qcow2` } }],
    },
    {
      instruction:
        'Start one more copy but cancel it instead of pivoting (`virsh blockjob DOMAIN vda --abort` once the copy is ready). Watch the tree, and the counter in the disk frame.',
      // Cancelled (one-shot copy, or the end of a copy job): no node came or went, yet the counter moved past the largest id.
      check: (s) => {
        const c = s.lastChange;
        return c !== null && c.added.length === 0 && c.removed.length === 0 && /cancel/i.test(c.message) && counter(s.doc) > maxId(s.doc) + 1;
      },
      demo: [{ kind: 'op', request: { kind: 'copy', at: 'vda', dest: `${IMG}/vm.abandoned.qcow2`, cancel: true } }],
    },
  ],
  explanation:
    'A copy (`blockcopy`, QMP `blockdev-mirror`) writes a new image while the guest keeps running; meanwhile the disk shows a `<mirror>` element. When the copy has caught up the job is ready, and then you [[pivot]] (the copy becomes the [[active layer]]) or cancel. Shallow copies only the top and keeps the backing chain; full copies everything into one standalone image. A copy never changes its source, so every old image remains valid. The new node takes the next id from the [[counter]] even when cancelled: QEMU created the node either way, so that id is used up.',
};
