/** inspect's edge cases the golden files do not show: absent values are null, a non-integer threshold is null. */
import { describe, expect, it } from 'vitest';
import { inspect } from '../../src/core/inspect';
import { load, loadWith } from '../helpers/load';

function json(xml: string) {
  const { doc, diagnostics } = loadWith(xml);
  return inspect(doc, diagnostics);
}

const quorum = (threshold: string): string =>
  `<disk type='quorum' device='disk'><driver name='qemu' type='quorum' threshold='${threshold}'/>` +
  "<backingStore type='file'><source file='/a'/></backingStore><backingStore type='file'><source file='/b'/></backingStore>" +
  "<target dev='vda'/></disk>";

describe('inspect', () => {
  it('gives a quorum threshold as a number, and null when the text is not an integer', () => {
    expect(json(quorum('2')).disks[0]!.nodes[0]!.threshold).toBe(2);
    expect(json(quorum('two')).disks[0]!.nodes[0]!.threshold).toBeNull();
    expect(json(quorum('1.5')).disks[0]!.nodes[0]!.threshold).toBeNull();
  });

  it('gives null for a threshold on a node that is not a quorum', () => {
    const j = json("<disk type='file'><driver name='qemu' type='raw' threshold='2'/><source path='/a'/><target dev='vda'/></disk>");
    expect(j.disks[0]!.nodes[0]!.threshold).toBeNull();
  });

  it('gives null for a missing target, alias, type, format and source', () => {
    const j = json("<domain><devices><disk device='disk'><backingStore/></disk></devices></domain>");
    const disk = j.disks[0]!;
    expect([disk.target, disk.alias]).toEqual([null, null]);
    expect(disk.nodes[0]).toEqual({ position: 0, id: 1, name: 'disk0[1]', type: null, format: null, source: null, threshold: null, children: [], end: 'terminated' });
  });

  it('keeps only severity, code, message, line and col of each diagnostic', () => {
    const j = inspect(load(quorum('2')), [
      { severity: 'warning', code: 'chain-deep', message: 'm', line: 3, col: 4, disk: 0, node: 'n1' },
    ]);
    expect(j.diagnostics).toEqual([{ severity: 'warning', code: 'chain-deep', message: 'm', line: 3, col: 4 }]);
  });
});

