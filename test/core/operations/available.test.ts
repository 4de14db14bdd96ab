/**
 * The registry's cheap `available` answers (insert-below, remove: their checks without building the document)
 * say exactly what applying the request says: yes when it applies, else its very refusal. Every node of every
 * built-in example and of quorum and big documents, every variant the menus and the keyboard ask.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import { derive } from '../../../src/core/numbers/derive';
import { available, perform } from '../../../src/core/operations/registry';
import type { OpRequest } from '../../../src/core/ops/request';
import { quorumOfChains } from '../../../bench/cases';
import { domainOfDisks } from '../../../bench/bigDocs';

const texts: [string, string][] = [
  ...EXAMPLES.map((e): [string, string] => [e.id, e.text]),
  ['quorum of 3 chains', quorumOfChains(3)],
  ['quorum of 2 chains, threshold 2 (a member cannot leave)', quorumOfChains(2).replace("threshold='1'", "threshold='2'")],
  ['quorum with no valid threshold', quorumOfChains(2).replace("threshold='1'", "threshold='x'")],
  ['12 disks', domainOfDisks(12)],
];

describe('available() agrees with apply', () => {
  it.each(texts)('%s', (_name, text) => {
    const loaded = loadText(text);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = loaded.doc;
    let asked = 0;
    let refused = 0;
    for (const disk of derive(doc).disks) {
      for (const v of disk.nodes) {
        const requests: OpRequest[] = [
          { kind: 'insert-below', uid: v.uid },
          { kind: 'insert-below', uid: v.uid, init: { format: 'raw' } },
          { kind: 'insert-below', uid: v.uid, init: { type: 'network', file: '/x.img' } },
          { kind: 'insert-below', uid: v.uid, init: { file: 'relative.img' } },
          { kind: 'insert-below', uid: v.uid, init: { file: v.source ?? '/in/use.img' } },
          { kind: 'insert-below', uid: v.uid, init: { type: 'quorum' } },
          { kind: 'remove', uid: v.uid, subtree: false },
          { kind: 'remove', uid: v.uid, subtree: true },
        ];
        for (const req of requests) {
          const applied = perform(doc, req);
          const expected = applied.ok ? true : applied.reason;
          expect(available(doc, req), `${req.kind} ${JSON.stringify(req)} on ${v.headline}`).toBe(expected);
          asked++;
          if (!applied.ok) refused++;
        }
      }
    }
    expect(asked).toBeGreaterThan(0);
    // The variants must reach refusals as well as yeses, or the comparison says little.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(asked);
  });

  it('a node that is not there: the same refusal', () => {
    const loaded = loadText(domainOfDisks(1));
    if (!loaded.ok) throw new Error('read');
    for (const req of [{ kind: 'insert-below', uid: 'nope' }, { kind: 'remove', uid: 'nope', subtree: false }] as OpRequest[]) {
      const r = perform(loaded.doc, req);
      expect(r.ok).toBe(false);
      expect(available(loaded.doc, req)).toBe(!r.ok && r.reason);
    }
  });
});
