/**
 * Where each node sits in the XML text (src/core/textRanges.ts), which the
 * XML pane uses for selection sync and the inline position/id hints.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText, toText } from '../../src/core/io/document';
import { EXAMPLES } from '../../src/core/examples';
import type { DomainDoc } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';
import { nodeAtOffset, nodeRanges } from '../../src/core/textRanges';
import { build, docArb } from '../helpers/trees';

function load(text: string): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`line ${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.doc;
}

/** What a range must be for every node of `doc` in `text`; the first thing wrong, or null. */
function wrong(doc: DomainDoc, text: string): string | null {
  const ranges = nodeRanges(doc, text);
  const byUid = new Map(ranges.map((r) => [r.uid, r]));
  for (const [di, disk] of doc.disks.entries()) {
    const visits = preorder(disk.src);
    for (const v of visits) {
      const r = byUid.get(v.node.uid);
      if (!r) return `no range for disk ${di} position ${v.position}`;
      if (r.disk !== di) return `disk ${r.disk} for a node of disk ${di}`;
      const el = text.slice(r.start, r.end);
      const tag = v.parent === null ? '<disk' : '<backingStore';
      if (!el.startsWith(tag)) return `position ${v.position} starts ${JSON.stringify(el.slice(0, 20))}`;
      if (!(el.endsWith('>'))) return `position ${v.position} does not end with >`;
      if (text[r.tagEnd - 1] !== '>' || r.tagEnd > r.end) return `position ${v.position}: the start tag does not end at ${r.tagEnd}`;
      // Inside the element's own start tag, the innermost node is this one.
      if (nodeAtOffset(ranges, r.start + 1)?.uid !== v.node.uid) return `the cursor in position ${v.position}'s start tag finds another node`;
      if (v.parent !== null) {
        const p = byUid.get(visits[v.parent]!.node.uid)!;
        if (r.start <= p.start || r.end > p.end) return `position ${v.position} is not inside its user's element`;
      }
    }
  }
  return ranges.length === doc.disks.reduce((n, d) => n + preorder(d.src).length, 0) ? null : `${ranges.length} ranges`;
}

describe('nodeRanges', () => {
  it('every built-in example, as read and as Strata writes it', () => {
    for (const e of EXAMPLES) {
      const doc = load(e.text);
      expect(wrong(doc, e.text), e.id).toBeNull();
      expect(wrong(doc, toText(doc)), `${e.id} written`).toBeNull();
    }
  });

  it('random chains and quorums in both dialects', () => {
    fc.assert(
      fc.property(fc.oneof(docArb('libvirt', false), docArb('libvirt', true), docArb('proposal', true)), (spec) => {
        const { xml } = build(spec);
        expect(wrong(load(xml), xml)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('a ">" inside a quoted attribute does not end the start tag', () => {
    const text = `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/img/top.qcow2'/>
  <backingStore type='file' note='a>b'>
    <format type='qcow2'/>
    <source file='/img/b>ase.qcow2'/>
    <backingStore/>
  </backingStore>
  <target dev='vda' bus='virtio'/>
</disk>`;
    const doc = load(text);
    const ranges = nodeRanges(doc, text);
    expect(ranges).toHaveLength(2);
    expect(text.slice(ranges[1]!.start, ranges[1]!.tagEnd)).toBe("<backingStore type='file' note='a>b'>");
  });

  it('text that does not parse has no ranges; an offset outside every disk finds no node', () => {
    const text = EXAMPLES.find((e) => e.id === 'multi-disk')!.text;
    const doc = load(text);
    expect(nodeRanges(doc, '<domain><devices><disk>')).toEqual([]);
    // Offset 0 is `<domain`, outside every `<disk>`.
    expect(text.startsWith('<domain')).toBe(true);
    expect(nodeAtOffset(nodeRanges(doc, text), 0)).toBeNull();
  });
});
