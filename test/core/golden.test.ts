/**
 * Golden files: each test/fixtures/golden/NAME/input.xml must give exactly
 * inspect.json, write back as output.xml (its own dialect), and convert to
 * the other dialect as output.<dialect>.xml (or be refused with the reason
 * in output.<dialect>.refused.txt). The files were generated once and then
 * checked by hand against domain.md; `UPDATE_GOLDEN=1 npx vitest run
 * test/core/golden.test.ts` regenerates them (read the diff before keeping it).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/core/check';
import { loadText, toText } from '../../src/core/io/document';
import { inspect } from '../../src/core/inspect';
import type { Dialect } from '../../src/core/model/types';
import { convert } from '../../src/core/ops';
import { GOLDEN_DIR, goldenFile, goldenNames } from '../helpers/golden';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with the golden file, or (UPDATE_GOLDEN=1) rewrites it. */
function golden(name: string, file: string, actual: string): void {
  if (UPDATE) {
    writeFileSync(join(GOLDEN_DIR, name, file), actual);
    return;
  }
  const expected = goldenFile(name, file);
  expect(expected, `${name}/${file} is missing; run with UPDATE_GOLDEN=1`).not.toBeNull();
  expect(actual).toBe(expected);
}

function check(name: string) {
  const input = goldenFile(name, 'input.xml');
  if (input === null) throw new Error(`${name}/input.xml is missing`);
  const { doc, diagnostics } = checkText(input);
  if (doc === null) throw new Error(`${name}/input.xml does not read: ${diagnostics[0]?.message}`);
  return { doc, diagnostics };
}

describe.each(goldenNames())('golden %s', (name) => {
  it('inspect JSON', () => {
    const { doc, diagnostics } = check(name);
    golden(name, 'inspect.json', JSON.stringify(inspect(doc, diagnostics), null, 2) + '\n');
  });

  it('written back in the dialect it was read in', () => {
    golden(name, 'output.xml', toText(check(name).doc));
  });

  it('converted to the other dialect', () => {
    const { doc } = check(name);
    const other: Dialect = doc.dialect === 'libvirt' ? 'proposal' : 'libvirt';
    const result = convert(doc, other);
    // A conversion either works or is refused: regenerating drops the file of the other outcome.
    if (UPDATE) rmSync(join(GOLDEN_DIR, name, result.ok ? `output.${other}.refused.txt` : `output.${other}.xml`), { force: true });
    if (!result.ok) {
      golden(name, `output.${other}.refused.txt`, result.reason + '\n');
      return;
    }
    const text = toText(result.doc);
    golden(name, `output.${other}.xml`, text);
    const again = loadText(text);
    expect(again.ok && again.doc.dialect, 'the converted text reads as its dialect').toBe(other);
  });
});

/** The design mail's numbers, spelled out so they do not depend on reading the golden files. */
describe('design mail examples', () => {
  const ids = (name: string) => inspect(check(name).doc, []).disks.map((d) => ({ counter: d.counter, ids: d.nodes.map((n) => n.id) }));

  it('chain base <- mid <- top, libvirt offline: top=1, mid=2, base=3, counter 4', () => {
    expect(ids('mail-chain-libvirt')).toEqual([{ counter: 4, ids: [1, 2, 3] }]);
  });
  it('Q[a, b <- c, d] running keeps its ids; positions Q=0, a=1, c=2, b=3, d=4', () => {
    const json = inspect(check('mail-quorum-running').doc, []);
    const sources = json.disks[0]!.nodes.map((n) => n.source ?? 'Q');
    expect(sources).toEqual(['Q', '/path/to/a', '/path/to/c', '/path/to/b', '/path/to/d']);
    expect(ids('mail-quorum-running')).toEqual([{ counter: 5, ids: [4, 0, 2, 1, 3] }]);
    expect(json.disks[0]!.nodes.map((n) => n.name)).toEqual(['ide0-0-0[4]', 'ide0-0-0[0]', 'ide0-0-0[2]', 'ide0-0-0[1]', 'ide0-0-0[3]']);
  });
  it('Q[a, b <- c, d] without ids is numbered fresh in post-order: a=0, b=1, c=2, d=3, Q=4, counter 5', () => {
    // In position order (Q, a, c, b, d).
    expect(ids('mail-quorum-offline')).toEqual([{ counter: 5, ids: [4, 0, 2, 1, 3] }]);
  });
  it('libvirt fresh numbering over several disks: last disk first, each top-down, one counter from 1', () => {
    expect(ids('libvirt-multi-disk')).toEqual([
      { counter: 7, ids: [4, 5, 6] },
      { counter: 7, ids: [2, 3] },
      { counter: 7, ids: [1] },
    ]);
  });
});
