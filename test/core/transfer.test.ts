import { describe, expect, it } from 'vitest';
import { CHUNK, Unflattener, WireUnflattener, flatten, fromWire, toWire, unflatten } from '../../src/core/transfer';
import { nodeRanges } from '../../src/core/textRanges';
import { loadText } from '../../src/core/io/document';
import { readJob } from '../../src/core/operations/readJob';
import { imagesInUse } from '../../src/core/ops/nodes';
import { bigChain, domainOfDisks } from '../../bench/bigDocs';
import { isBigText, BIG_TEXT_CHARS } from '../../src/state/bigRead';

const docOf = (text: string) => {
  const l = loadText(text);
  if (!l.ok) throw new Error(l.error.message);
  return l.doc;
};
const roundTrip = <T>(v: T): T => unflatten<T>(JSON.parse(JSON.stringify(flatten(v))));

describe('flatten / unflatten (moving documents to and from a worker)', () => {
  it('keeps plain data, Maps, Sets, undefined, non-finite numbers, shared references and cycles', () => {
    const shared = { n: 1 };
    const v: Record<string, unknown> = { a: [1, 'x', null, true, undefined], m: new Map<unknown, unknown>([['k', shared], [2, NaN]]), s: new Set([shared, -Infinity]), shared };
    v.self = v;
    const back = roundTrip(v);
    expect(back.a).toEqual([1, 'x', null, true, undefined]);
    expect((back.m as Map<unknown, unknown>).get('k')).toBe(back.shared);
    expect(Number.isNaN((back.m as Map<unknown, unknown>).get(2))).toBe(true);
    expect([...(back.s as Set<unknown>)]).toEqual([back.shared, -Infinity]);
    expect(back.self).toBe(back);
  });

  it('refuses class instances and functions (a DomainDoc is plain data)', () => {
    expect(() => flatten({ d: new Date() })).toThrow(/plain data/);
    expect(() => flatten({ f: () => 1 })).toThrow(/function/);
  });

  it('moves a 10,000-level chain, which structuredClone cannot (its recursion overflows)', () => {
    const loaded = loadText(bigChain(10_000, false));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(() => structuredClone(loaded.doc)).toThrow();
    const back = roundTrip(loaded.doc);
    let a = loaded.doc.disks[0]!.src;
    let b = back.disks[0]!.src;
    let depth = 1;
    while (a.backing[0]) {
      expect(b.uid).toBe(a.uid);
      expect(b.source).toEqual(a.source);
      a = a.backing[0];
      b = b.backing[0]!;
      depth++;
    }
    expect(depth).toBe(10_000);
  });

  it('rebuilds in slices and keeps the identity between the document and its derived numbers', () => {
    const loaded = loadText(domainOfDisks(2));
    if (!loaded.ok) throw new Error('parse');
    const r = readJob({ text: domainOfDisks(20), before: loaded.doc, label: undefined, keep: true });
    if (!r.ok) throw new Error('read');
    const u = new Unflattener<typeof r>(JSON.parse(JSON.stringify(flatten(r))));
    let slices = 0;
    while (!u.step(50)) slices++;
    expect(slices).toBeGreaterThan(2);
    const back = u.result;
    if (!back.ok) throw new Error('read');
    const top = back.result.doc.disks[0]!.src;
    expect(back.derived.byUid.get(top.uid)!.node).toBe(top);
    expect(back.validated).toEqual(r.validated);
    // The images in use, primed on the page from the worker's answer, are what the page would have found itself.
    const fresh = readJob({ text: domainOfDisks(20), before: loaded.doc, label: undefined, keep: true });
    if (!fresh.ok) throw new Error('read');
    expect(back.inUse.size).toBeGreaterThan(20);
    expect([...back.inUse]).toEqual([...imagesInUse(structuredClone(fresh.result.doc))]);
  });
});

describe('the wire: the table in JSON chunks, parsed one per slice', () => {
  it('round-trips shared references, cycles and a deep chain through chunks of any size', () => {
    const shared = { n: 1 };
    const v: Record<string, unknown> = { a: [1, undefined, NaN], m: new Map([['k', shared]]), s: new Set([shared]), shared };
    v.self = v;
    for (const per of [1, 2, 3, CHUNK]) {
      const back = fromWire<typeof v>(toWire(flatten(v), per));
      expect(back.self).toBe(back);
      expect((back.m as Map<string, unknown>).get('k')).toBe(back.shared);
      expect([...(back.s as Set<unknown>)][0]).toBe(back.shared);
      expect(Number.isNaN((back.a as unknown[])[2])).toBe(true);
    }
    const loaded = loadText(bigChain(3_000, false));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const wire = toWire(flatten(loaded.doc));
    expect(wire.chunks.length).toBeGreaterThan(1);
    const back = fromWire<typeof loaded.doc>(wire);
    let a = loaded.doc.disks[0]!.src;
    let b = back.disks[0]!.src;
    while (a.backing[0]) {
      expect(b.uid).toBe(a.uid);
      a = a.backing[0];
      b = b.backing[0]!;
    }
    expect(b.source).toEqual(a.source);
  });

  it('parses at most one chunk per step, so no step parses the whole answer', () => {
    const r = readJob({ text: domainOfDisks(300), before: docOf(domainOfDisks(1)), label: undefined, keep: true });
    const wire = toWire(flatten(r), 500);
    const u = new WireUnflattener<typeof r>(wire);
    let steps = 0;
    while (!u.step(200)) steps++;
    // At least one step per chunk, and more where a chunk is filled in several.
    expect(steps).toBeGreaterThanOrEqual(wire.chunks.length);
    const back = u.result;
    if (!back.ok || !r.ok) throw new Error('read');
    expect(back.ranges).toEqual(r.ranges);
    expect(back.derived.byUid.get(back.result.doc.disks[5]!.src.uid)!.node).toBe(back.result.doc.disks[5]!.src);
  });

  it('refuses a damaged wire instead of building a wrong document', () => {
    const wire = toWire(flatten({ a: [1, 2] }));
    expect(() => fromWire({ ...wire, kinds: wire.kinds.replace('a', 'x') })).toThrow(/unknown entry kind/);
    expect(() => fromWire({ ...wire, chunks: [] })).toThrow(/fewer entries/);
  });
});

describe('the ranges and layout a read job sends', () => {
  it('are the ones the page would work out itself, for the text as the XML pane holds it (CRLF read as LF)', () => {
    const text = domainOfDisks(12).replace(/\n/g, '\r\n');
    const r = readJob({ text, before: docOf(domainOfDisks(1)), label: undefined, keep: true });
    if (!r.ok) throw new Error('read');
    const lf = text.replace(/\r\n/g, '\n');
    expect(r.ranges.length).toBe(12 * 2);
    expect(r.ranges).toEqual(nodeRanges(r.result.doc, lf));
    expect(lf.slice(r.ranges[0]!.start, r.ranges[0]!.start + 5)).toBe('<disk');
    // The layout too, and it survives the move to the page.
    const back = fromWire<typeof r>(toWire(flatten(r)));
    if (!back.ok) throw new Error('read');
    const top = back.result.doc.disks[11]!.src;
    expect(back.layout.size).toBe(24);
    expect(back.layout.get(top.uid)).toEqual(r.layout.get(r.result.doc.disks[11]!.src.uid));
    expect(back.layout.get(top.uid)!.x).toBeGreaterThan(0);
  });
});

describe('the big-text threshold', () => {
  it('reads the 2,000-disk domain in the worker, the 300-disk one on the main thread', () => {
    expect(BIG_TEXT_CHARS).toBe(200_000);
    expect(isBigText(domainOfDisks(2000))).toBe(true);
    expect(isBigText(domainOfDisks(300))).toBe(false);
  });
});
