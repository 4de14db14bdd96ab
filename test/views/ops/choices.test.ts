/** What the operations dialog offers (src/views/ops/choices.ts): only nodes each operation can take. */
import { describe, expect, it } from 'vitest';
import { addressFor, basesBelow, chainTops, pick, quorums, topsWithBases } from '../../../src/views/ops/choices';
import { freePath } from '../../../src/core/operations/paths';
import { derivedOf } from '../../helpers/load';

const labels = (vs: { positionLabel: string }[]) => vs.map((v) => v.positionLabel);

describe('choices', () => {
  it('chain tops are the disk top and the quorum members', () => {
    const d = derivedOf('mail-quorum');
    expect(labels(chainTops(d))).toEqual(['hda[0]', 'hda[1]', 'hda[2]', 'hda[4]']);
    expect(labels(quorums(d))).toEqual(['hda[0]']);
  });

  it('bases lie below a top on its one chain; a quorum has none', () => {
    const d = derivedOf('mail-quorum');
    expect(labels(topsWithBases(d))).toEqual(['hda[2]']);
    const chain = derivedOf('live-chain');
    expect(labels(basesBelow(chain, chain.disks[0]!.nodes[0]!))).toEqual(['vda[1]', 'vda[2]']);
  });

  it('addresses are what the core resolves: ids in libvirt, positions in the proposal', () => {
    const chain = derivedOf('live-chain');
    expect(chain.disks[0]!.nodes.map((v) => addressFor(chain, v))).toEqual(['vda[4]', 'vda[3]', 'vda[1]']);
    const q = derivedOf('mail-quorum');
    expect(addressFor(q, q.disks[0]!.nodes[3]!)).toBe('hda[3]');
  });

  it('a form starts on the node asked for, else the nearest fitting one above it', () => {
    const d = derivedOf('mail-quorum');
    const b = d.disks[0]!.nodes[3]!; // b, below c
    expect(pick(d, chainTops(d), b.uid)?.positionLabel).toBe('hda[2]');
    expect(pick(d, quorums(d), b.uid)?.positionLabel).toBe('hda[0]');
    expect(pick(d, chainTops(d), null)?.positionLabel).toBe('hda[0]');
  });

  it('default paths are free and keep a real image extension', () => {
    const d = derivedOf('live-chain');
    expect(freePath(d, '/var/lib/libvirt/images/demo.qcow2', 'copy')).toBe('/var/lib/libvirt/images/demo.copy.qcow2');
    expect(freePath(d, '/var/lib/libvirt/images/demo.snap2', 'copy')).toBe('/var/lib/libvirt/images/demo.snap2.copy.qcow2');
  });
});
