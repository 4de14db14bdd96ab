/**
 * Addresses and XPath queries (issue 4): the design mail's quorum in the
 * proposal dialect (`index` = position) and a running libvirt chain
 * (`index` = node id), the mail's XPath idea, and bad input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DomainDoc } from '../../src/core/model/types';
import { derive } from '../../src/core/numbers/derive';
import { classifyQuery, runQuery } from '../../src/core/query';
import type { QueryResult } from '../../src/core/query';
import { exampleText, load } from '../helpers/load';

/** An example, read, with the text its queries run on. */
function example(id: string): { doc: DomainDoc; text: string } {
  const text = exampleText(id);
  return { doc: load(text), text };
}

/** The matched nodes as `positionLabel source`, for readable expectations. */
function hits(doc: DomainDoc, r: QueryResult): string[] {
  if (!r.ok) throw new Error(`expected a match, got: ${r.message}`);
  const d = derive(doc);
  return r.uids.map((u) => `${d.byUid.get(u)!.positionLabel} ${d.byUid.get(u)!.source ?? '-'}`);
}

function message(r: QueryResult): string {
  if (r.ok) throw new Error(`expected no match, got: ${r.explanation}`);
  return r.message;
}

describe('the mail quorum Q[a, b <- c, d] (proposal: index = position)', () => {
  const { doc, text } = example('mail-quorum');
  const q = (input: string) => runQuery(doc, text, input);

  it('reads addresses as positions', () => {
    expect(doc.dialect).toBe('proposal');
    expect(hits(doc, q('hda'))).toEqual(['hda[0] -']);
    expect(hits(doc, q('hda[2]'))).toEqual(['hda[2] /path/to/c']);
    const r = q(' hda[3] ');
    expect(hits(doc, r)).toEqual(['hda[3] /path/to/b']);
    expect(r.ok && r.explanation).toBe('hda[3]: position 3 in the proposal dialect (pre-order); node id [1]');
    expect(message(q('hda[9]'))).toMatch(/hda has no position 9 \(it has 5 nodes, 0\.\.4\)/);
    expect(message(q('vda[1]'))).toMatch(/names no disk node \(disks: hda\)/);
  });

  it('reads a source path as the node with that source, not as XPath', () => {
    expect(classifyQuery(doc, '/path/to/b')).toBe('source');
    const r = q('/path/to/b');
    expect(hits(doc, r)).toEqual(['hda[3] /path/to/b']);
    expect(r.ok && r.explanation).toMatch(/^\/path\/to\/b: the node with this source \(hda\[3\]/);
    expect(classifyQuery(doc, '/path/to/zz')).toBe('xpath');
    expect(message(q('/path/to/zz'))).toBe("No node matches: '/path/to/zz' is not the source of any node, and as XPath it selects nothing");
  });

  it('compares index as a string and as a number', () => {
    for (const input of ["//backingStore[@index='4']", '//backingStore[@index=4]']) {
      const r = q(input);
      expect(hits(doc, r)).toEqual(['hda[4] /path/to/d']);
      expect(r.ok && r.explanation).toBe('1 node matches; in this document `index` on <backingStore> is the position (proposal dialect)');
    }
    // b is position 3 although it is nested one level deeper: `//` finds it at any depth.
    expect(hits(doc, q('//backingStore[@index=3]'))).toEqual(['hda[3] /path/to/b']);
  });

  it("answers the mail's own query when the disk is vda", () => {
    const vdaText = text.replace("dev='hda'", "dev='vda'");
    const vda = load(vdaText);
    const expr = "//disk[target/@dev='vda']/backingStore[@index='4']";
    expect(hits(vda, runQuery(vda, vdaText, expr))).toEqual(['vda[4] /path/to/d']);
    // On the mail's document the target is hda: nothing, and it says which disks there are.
    expect(message(q(expr))).toMatch(/^No node matches; .*position \(proposal dialect\) \(disks: hda\)$/);
  });

  it('lights the enclosing node for descendants and attributes, and explains it', () => {
    const target = q('//target');
    expect(hits(doc, target)).toEqual(['hda[0] -']);
    expect(target.ok && target.explanation).toBe('1 node matches (<target> lit as the enclosing node)');
    // Document order, which is pre-order: a, c, b, d.
    expect(hits(doc, q('//source'))).toEqual(['hda[1] /path/to/a', 'hda[2] /path/to/c', 'hda[3] /path/to/b', 'hda[4] /path/to/d']);
    expect(hits(doc, q("//source[@path='/path/to/d']/@path"))).toEqual(['hda[4] /path/to/d']);
    // A terminator <backingStore/> is no node of its own: it lights its owner.
    expect(hits(doc, q('//backingStore[@index=3]/backingStore'))).toEqual(['hda[3] /path/to/b']);
  });

  it('gives the value of a non-node expression', () => {
    const r = q('count(//backingStore[@type])');
    expect(r).toEqual({ ok: true, kind: 'xpath', uids: [], explanation: 'count(//backingStore[@type]) = 4 (a number; no nodes to light)' });
  });

  it('reports bad expressions with the parser message and where', () => {
    expect(message(q('//backingStore[@index=]'))).toBe('XPath error: Unexpected "]" at column 23');
    expect(message(q('//backingStore[@index='))).toMatch(/^XPath error: Unexpected end of expression/);
    expect(message(q('//disk[target/@dev=vda'))).toMatch(/^XPath error: Unexpected end of expression/);
    expect(message(q('//backingStore[@index=4]]'))).toBe('XPath error: Unexpected "]" at column 25');
    expect(message(q('#'))).toBe('XPath error: Unexpected character #');
    expect(message(q("'abc"))).toBe("XPath error: Unterminated string literal: 'abc");
    expect(message(q('nosuch(1)'))).toBe('XPath error: Unknown function nosuch');
    expect(message(q('//x:disk'))).toBe('XPath error: Cannot resolve QName x');
    expect(message(q('   '))).toMatch(/^Type an address/);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        const r = runQuery(doc, text, input);
        expect(typeof (r.ok ? r.explanation : r.message)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('says so when the current text does not parse', () => {
    expect(message(runQuery(doc, text.replace('</disk>', '</dsk>'), '//disk'))).toMatch(/^The XML does not parse: /);
  });

  it('uses the offsets of the text as given, with CRLF line ends too', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    expect(hits(doc, runQuery(doc, crlf, '//backingStore[@index=2]'))).toEqual(['hda[2] /path/to/c']);
  });
});

describe('a running libvirt chain (index = node id)', () => {
  const { doc, text } = example('live-chain');
  const q = (input: string) => runQuery(doc, text, input);

  it('reads vda[N] as the node with index N (virsh)', () => {
    expect([doc.dialect, doc.state]).toEqual(['libvirt', 'running']);
    const r = q('vda[3]');
    expect(hits(doc, r)).toEqual(['vda[1] /var/lib/libvirt/images/demo.snap1']);
    expect(r.ok && r.explanation).toBe('vda[3]: the node with index 3 in the libvirt dialect (virsh numbering); it is at position 1');
    expect(hits(doc, q('vda[4]'))).toEqual(['vda[0] /var/lib/libvirt/images/demo.snap2']);
    expect(hits(doc, q('vda'))).toEqual(['vda[0] /var/lib/libvirt/images/demo.snap2']);
    expect(message(q('vda[2]'))).toMatch(/^vda has no node with index 2\./);
  });

  it('matches index attributes as ids', () => {
    const r = q('//backingStore[@index=3]');
    expect(hits(doc, r)).toEqual(['vda[1] /var/lib/libvirt/images/demo.snap1']);
    expect(r.ok && r.explanation).toMatch(/^1 node matches; in this document `index` .*is the node id \(libvirt\)$/);
    expect(hits(doc, q("//disk[target/@dev='vda']/backingStore[@index='3']"))).toEqual(['vda[1] /var/lib/libvirt/images/demo.snap1']);
    // The top's id is on its <source>.
    expect(hits(doc, q('//disk[source/@index=4]'))).toEqual(['vda[0] /var/lib/libvirt/images/demo.snap2']);
  });

  it('explains that `/backingStore` is one level only and offers the any-depth form', () => {
    const m = message(q("//disk[target/@dev='vda']/backingStore[@index='1']"));
    expect(m).toMatch(/^No node matches; .*node id \(libvirt\)\. Note: \/backingStore steps one level only; /);
    expect(m).toContain("//disk[target/@dev='vda']//backingStore[@index='1'] (any depth) matches 1 node");
    expect(hits(doc, q("//disk[target/@dev='vda']//backingStore[@index='1']"))).toEqual(['vda[2] /var/lib/libvirt/images/demo.qcow2']);
  });

  it('says when matches lie outside every disk', () => {
    expect(message(q('//name'))).toBe('No node matches: 1 match (<name>) outside every disk');
    expect(hits(doc, q('/domain/devices/disk'))).toEqual(['vda[0] /var/lib/libvirt/images/demo.snap2']);
  });

  it('finds a node by its source path', () => {
    expect(hits(doc, q('/var/lib/libvirt/images/demo.qcow2'))).toEqual(['vda[2] /var/lib/libvirt/images/demo.qcow2']);
  });
});

describe('other documents', () => {
  it('an offline libvirt document writes no index, and says so', () => {
    const { doc, text } = example('mail-chain');
    expect(message(runQuery(doc, text, '//backingStore[@index=2]'))).toMatch(/this offline document writes none/);
    // The address still works: the id libvirt will assign at start.
    expect(hits(doc, runQuery(doc, text, 'vda[2]'))).toEqual(['vda[1] /var/lib/libvirt/images/mid.qcow2']);
  });

  it('several disks: each <disk> is its own top', () => {
    const { doc, text } = example('multi-disk');
    expect(hits(doc, runQuery(doc, text, "//disk[target/@dev='vdb']"))).toEqual(['vdb[0] /var/lib/libvirt/images/data.raw']);
    expect(hits(doc, runQuery(doc, text, '//disk')).map((h) => h.split(' ')[0])).toEqual(['vda[0]', 'vdb[0]', 'sda[0]']);
  });

  it('a network source is an address too', () => {
    const { doc, text } = example('mixed-layers');
    expect(classifyQuery(doc, 'nbd://storage.example.org:10809/overlay')).toBe('source');
    expect(hits(doc, runQuery(doc, text, '/dev/vg0/golden'))).toEqual(['vda[1] /dev/vg0/golden']);
  });
});
