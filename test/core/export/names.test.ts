/** QEMU node-names (src/core/export/names.ts): one node's names are the whole map's, whichever is asked first. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import { preorder } from '../../../src/core/model/walk';
import { namesOf, qemuNames } from '../../../src/core/export/names';
import { domainOfDisks } from '../../../bench/bigDocs';
import { quorumOfChains } from '../../../bench/cases';

const texts: [string, string][] = [...EXAMPLES.map((e): [string, string] => [e.id, e.text]), ['quorum of 3', quorumOfChains(3)], ['12 disks', domainOfDisks(12)]];

describe('namesOf', () => {
  it.each(texts)('%s: each node alone (asked before the map) names as the map does; all names are distinct', (_n, text) => {
    const read = (): ReturnType<typeof loadText> & { ok: true } => {
      const l = loadText(text);
      if (!l.ok) throw new Error(l.error.message);
      return l;
    };
    // A fresh read: nothing cached, so namesOf works each node out alone.
    const alone = read().doc;
    const single = alone.disks.flatMap((d) => preorder(d.src).map((v) => namesOf(alone, v.node)));
    const mapped = [...qemuNames(alone).values()];
    expect(single).toEqual(mapped);
    expect(single.length).toBeGreaterThan(0);
    const all = single.flatMap((n) => [n.storage, n.format]).filter((x) => x !== null);
    expect(new Set(all).size).toBe(all.length);
  });

  it('a node that is not in the document is a caller mistake', () => {
    const l = loadText(domainOfDisks(1));
    if (!l.ok) throw new Error('read');
    const other = loadText(domainOfDisks(2));
    if (!other.ok) throw new Error('read');
    expect(() => namesOf(l.doc, other.doc.disks[1]!.src)).toThrow(/not in the document/);
  });
});
