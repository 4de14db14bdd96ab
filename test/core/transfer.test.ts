import { describe, expect, it } from 'vitest';
import { Unflattener, flatten, unflatten } from '../../src/core/transfer';
import { loadText } from '../../src/core/io/document';
import { readJob } from '../../src/core/operations/readJob';
import { bigChain, domainOfDisks } from '../../bench/bigDocs';
import { isBigText, BIG_TEXT_CHARS } from '../../src/state/bigRead';

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
  });
});

describe('the big-text threshold', () => {
  it('reads the 2,000-disk domain in the worker, the 300-disk one on the main thread', () => {
    expect(BIG_TEXT_CHARS).toBe(200_000);
    expect(isBigText(domainOfDisks(2000))).toBe(true);
    expect(isBigText(domainOfDisks(300))).toBe(false);
  });
});
