/**
 * The conformance scenarios (issue "Truth"): each a drafted domain and the
 * operations a user runs on it once it runs. Every operation is an OpRequest
 * as the editor and the CLI make them; the suite runs the virsh lines Strata
 * prints for it, verbatim, and compares libvirt's dumpxml with Strata's
 * predicted document.
 */
import type { OpRequest } from '../../../src/core/ops/request';
import type { DiskSpec, Layer } from './domain';

export interface Scenario {
  readonly name: string;
  readonly disks: readonly DiskSpec[];
  /** `img(file)` is the absolute path of a file in the scenario's directory. */
  readonly steps: readonly ((img: (file: string) => string) => OpRequest)[];
}

const q = (file: string): Layer => ({ file, format: 'qcow2' });
const raw = (file: string): Layer => ({ file, format: 'raw' });
const chain3 = (t: string): DiskSpec => ({ target: t, layers: [q(`${t}-top.qcow2`), q(`${t}-mid.qcow2`), q(`${t}-base.qcow2`)] });

export const SCENARIOS: readonly Scenario[] = [
  { name: 'snapshot of one disk', disks: [chain3('vda')], steps: [(img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s1.qcow2') }] })] },
  {
    name: 'snapshot of two disks in one transaction, listed vdb first',
    disks: [chain3('vda'), { target: 'vdb', layers: [q('vdb-top.qcow2'), raw('vdb-base.raw')] }],
    steps: [(img) => ({ kind: 'snapshot', targets: [{ at: 'vdb', file: img('vdb-s1.qcow2') }, { at: 'vda', file: img('vda-s1.qcow2') }] })],
  },
  {
    name: 'three disks: snapshot of the last two, listed vdc first',
    disks: [chain3('vda'), { target: 'vdb', layers: [raw('vdb.raw')] }, { target: 'vdc', layers: [q('vdc-top.qcow2'), q('vdc-base.qcow2')] }],
    steps: [(img) => ({ kind: 'snapshot', targets: [{ at: 'vdc', file: img('vdc-s1.qcow2') }, { at: 'vdb', file: img('vdb-s1.qcow2') }] })],
  },
  { name: 'commit below the top', disks: [chain3('vda')], steps: [() => ({ kind: 'commit', top: 'vda[2]', base: 'vda[3]' })] },
  { name: 'active commit with pivot', disks: [chain3('vda')], steps: [() => ({ kind: 'commit', top: 'vda', base: 'vda[3]' })] },
  { name: 'active commit keeping the overlay', disks: [chain3('vda')], steps: [() => ({ kind: 'commit', top: 'vda', base: 'vda[2]', keepOverlay: true })] },
  {
    name: 'active commit in two phases: ready, then pivot',
    disks: [chain3('vda')],
    steps: [() => ({ kind: 'commit-start', top: 'vda', base: 'vda[2]' }), () => ({ kind: 'job-end', disk: 'vda', end: 'pivot' })],
  },
  {
    name: 'active commit in two phases: ready, then keep the overlay',
    disks: [chain3('vda')],
    steps: [() => ({ kind: 'commit-start', top: 'vda', base: 'vda[3]' }), () => ({ kind: 'job-end', disk: 'vda', end: 'keep-overlay' })],
  },
  { name: 'pull to the top', disks: [chain3('vda')], steps: [() => ({ kind: 'pull', top: 'vda' })] },
  { name: 'pull with a base', disks: [chain3('vda')], steps: [() => ({ kind: 'pull', top: 'vda', base: 'vda[3]' })] },
  {
    name: 'shallow copy: ready, then pivot',
    disks: [chain3('vda')],
    steps: [(img) => ({ kind: 'copy-start', at: 'vda', dest: img('vda-copy.qcow2'), shallow: true }), () => ({ kind: 'job-end', disk: 'vda', end: 'pivot' })],
  },
  {
    name: 'full copy: ready, then pivot',
    disks: [chain3('vda')],
    steps: [(img) => ({ kind: 'copy-start', at: 'vda', dest: img('vda-full.qcow2') }), () => ({ kind: 'job-end', disk: 'vda', end: 'pivot' })],
  },
  {
    name: 'full copy aborted, then a snapshot (the copy used up an id)',
    disks: [chain3('vda')],
    steps: [
      (img) => ({ kind: 'copy-start', at: 'vda', dest: img('vda-full.qcow2') }),
      () => ({ kind: 'job-end', disk: 'vda', end: 'cancel' }),
      (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s1.qcow2') }] }),
    ],
  },
  {
    name: 'one-shot copies: shallow with pivot, then full and finished (cancelled)',
    disks: [chain3('vda')],
    steps: [
      (img) => ({ kind: 'copy', at: 'vda', dest: img('vda-copy.qcow2'), shallow: true }),
      (img) => ({ kind: 'copy', at: 'vda', dest: img('vda-keep.qcow2'), cancel: true }),
    ],
  },
  {
    name: 'backup (the chain does not change), then a snapshot',
    disks: [chain3('vda'), { target: 'vdb', layers: [raw('vdb.raw')] }],
    steps: [(img) => ({ kind: 'backup', at: 'vda', dest: img('vda-backup.qcow2') }), (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s1.qcow2') }] })],
  },
  {
    name: 'operations after operations: ids are never reused',
    disks: [chain3('vda'), { target: 'vdb', layers: [q('vdb-top.qcow2'), raw('vdb-base.raw')] }],
    steps: [
      (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s1.qcow2') }] }),
      () => ({ kind: 'commit', top: 'vda', base: 'vda[3]' }),
      (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s2.qcow2') }, { at: 'vdb', file: img('vdb-s1.qcow2') }] }),
      () => ({ kind: 'pull', top: 'vdb', base: 'vdb[2]' }),
      () => ({ kind: 'commit', top: 'vda', base: 'vda[5]' }),
      (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('vda-s3.qcow2') }] }),
    ],
  },
  {
    name: 'a raw base under qcow2 overlays',
    disks: [{ target: 'vda', layers: [q('top.qcow2'), q('mid.qcow2'), raw('base.raw')] }],
    steps: [() => ({ kind: 'commit', top: 'vda[2]', base: 'vda[3]' }), (img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('s1.qcow2') }] })],
  },
  {
    name: 'block and file layers mixed',
    disks: [{ target: 'vda', layers: [q('top.qcow2'), q('mid.qcow2'), { file: 'base.loop', format: 'raw', block: true }] }],
    steps: [(img) => ({ kind: 'snapshot', targets: [{ at: 'vda', file: img('s1.qcow2') }] }), () => ({ kind: 'commit', top: 'vda[1]', base: 'vda[2]' })],
  },
  {
    name: 'a chain left open in one disk of two (libvirt probes it and numbers what it finds last)',
    disks: [{ target: 'vda', layers: [q('a1.qcow2'), q('a0.qcow2')] }, { target: 'vdb', layers: [q('b2.qcow2'), q('b1.qcow2'), q('b0.qcow2')], shown: 1 }],
    steps: [(img) => ({ kind: 'snapshot', targets: [{ at: 'vdb', file: img('b3.qcow2') }] })],
  },
];
