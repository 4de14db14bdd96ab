/**
 * Random disk trees (chains, nested quorums, file/block/network/volume,
 * terminated and open ends, several disks) in both dialects, offline and
 * running: reading gives exactly the tree that was written (checked against
 * an oracle built from domain.md, not from src/core), and writing it and
 * reading it again changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import type { DomainDoc } from '../../../src/core/model/types';
import { inspect } from '../../../src/core/inspect';
import type { Loaded } from '../../helpers/load';
import { loadWith } from '../../helpers/load';
import { build, docArb } from '../../helpers/trees';

const RUNS = 1000;

/** Strict: a generated tree reads with no diagnostic, and a parse error shows the text it is in. */
function load(text: string): DomainDoc {
  let r: Loaded;
  try {
    r = loadWith(text);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${text}`);
  }
  expect(r.diagnostics).toEqual([]);
  return r.doc;
}

const cases = [
  { dialect: 'libvirt', running: false },
  { dialect: 'libvirt', running: true },
  { dialect: 'proposal', running: false },
  { dialect: 'proposal', running: true },
] as const;

describe.each(cases)('random trees, $dialect dialect, running=$running', ({ dialect, running }) => {
  it(`read exactly as written and survive a write/read round trip (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(docArb(dialect, running), (spec) => {
        const { xml, expected } = build(spec);
        const doc = load(xml);
        expect(inspect(doc, [])).toEqual(expected);
        const text = toText(doc);
        const again = load(text);
        expect(inspect(again, [])).toEqual(expected);
        expect(toText(again)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
