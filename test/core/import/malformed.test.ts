/**
 * Bad or unknown input: a clear message naming what was expected, never a
 * half-built document, never an exception. The fixed cases are the saved
 * outputs cut, mixed up or changed in one place (said in each), plus the
 * usual wrong files; the fuzz part (fast-check, seeded) throws random text,
 * random JSON and mutated real outputs at importText.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText, toText } from '../../../src/core/io/document';
import { importText } from '../../../src/core/import';
import type { ImportInput, ImportResult } from '../../../src/core/import';
import { fixture, fixtures } from './fixtures';

const refused = (inputs: ImportInput[], options = {}): string => {
  const r = importText(inputs, options);
  if (r.ok) expect.fail(`expected a refusal, got a document:\n${r.xml}`);
  expect(r.message).not.toMatch(/internal error/);
  return r.message;
};
const one = (text: string, name = 'in'): string => refused([{ name, text }]);

describe('refusals say what was expected', () => {
  it.each([
    ['nothing at all', '', /in is empty: expected JSON from qemu-img info/],
    ['blank lines', '\n  \n', /in is empty/],
    ['XML', "<domain type='kvm'/>", /is XML, not a tool's output: open it directly/],
    ["qemu-img's human output", 'image: top.qcow2\nfile format: qcow2\nvirtual size: 1 MiB\n', /run it again with --output=json/],
    ['an error from virsh', "error: failed to get domain 'web'\n", /is an error message, not a tool's output: 'error: failed to get domain 'web''/],
    ['prose', 'hello there, world', /Strata cannot tell what printed in: expected JSON/],
    ['JSON that does not parse', '{"filename": ', /looks like JSON but does not parse .*expected qemu-img info --output=json/],
    ['an empty array', '[]', /empty JSON array: .*nothing to import/],
    ['an array of numbers', '[1, 2]', /looks like JSON but not any output Strata imports: .*first element is not an object/],
    ['an object of nothing known', '{"a": 1}', /not any output Strata imports: expected qemu-img info/],
    ['qemu-img-like JSON without a format', '[{"filename": "/a.qcow2", "virtual-size": 1}]', /This looks like JSON but not qemu-img info output: expected an array of objects with 'filename' and 'format'.*element 1 has no string 'format'/],
    ['a QMP error reply', '{"error": {"class": "GenericError", "desc": "Unknown command"}, "id": "libvirt-7"}', /QMP error reply.*QEMU said "Unknown command"/],
    ['named nodes without names', '[{"drv": "qcow2", "node-name": 3, "file": "/a"}]', /not query-named-block-nodes output: .*element 1 has no string 'node-name'/],
    ['a graph with an edge to nowhere', '{"nodes": [{"id": 1, "name": "a", "type": "block-driver"}], "edges": [{"parent": 1, "child": 9, "name": "file"}]}', /x-debug-query-block-graph.*edge 1 needs/],
    ['a network image', '{"filename": "nbd://host:10809/disk", "format": "raw", "virtual-size": 1}', /the network name 'nbd:\/\/host:10809\/disk'; import reads local files and block devices only/],
    ['domstats without block stats', "Domain: 'web'\n  state.state=1\n", /without block statistics: run virsh domstats DOMAIN --block --backing/],
  ])('%s', (_what, text, expected) => {
    expect(one(text)).toMatch(expected);
  });

  it('the block graph alone has no file names', () => {
    expect(one(fixture('virsh/block-graph.json'), 'g.json')).toMatch(/g\.json \(x-debug-query-block-graph\) has the node names and links but no file names; give query-named-block-nodes/);
  });

  it('two outputs of one kind, or of two guests (the saved domstats twice, one renamed)', () => {
    const nodes = fixture('virsh/named-nodes-flat.json');
    expect(refused([{ name: 'a', text: nodes }, { name: 'b', text: nodes }])).toMatch(/a and b are both query-named-block-nodes output; give one per guest/);
    const stats = fixture('virsh/domstats-backing.txt');
    expect(one(stats + stats.replace("'strata-import'", "'other'"))).toMatch(/holds the stats of 2 domains/);
  });

  it('cut short (the saved outputs truncated)', () => {
    const stats = fixture('virsh/domstats-backing.txt');
    expect(one(stats.slice(0, stats.indexOf('block.1.name')))).toMatch(/block\.count is \d+ but block\.1\.name is missing/);
    const chain = fixture('qemu-img/chain.json');
    expect(one(chain.slice(0, chain.length / 2))).toMatch(/does not parse/);
  });

  it('a disk libvirt reaches over the network (the saved domblklist with one row changed)', () => {
    const text = fixture('virsh/domblklist-details.txt').replace(/^ file( +)disk( +)vdb( +)\S+/m, ' network$1disk$2vdb$3pool/vdb-image');
    expect(one(text)).toMatch(/disk vdb is a 'network' disk \('pool\/vdb-image'\); import reads local files and block devices only/);
  });

  it('a path XML cannot carry (the saved output with a control character in a file name)', () => {
    const text = fixture('qemu-img/chain.json').replaceAll('top.qcow2', 'top\\u0001.qcow2');
    expect(one(text)).toMatch(/holds the character U\+0001, which an XML document cannot carry/);
  });

  it('a quorum asked for in the libvirt dialect', () => {
    const q = fixture('qmp/quorum-named-nodes-flat.json');
    expect(refused([{ name: 'q', text: q }], { dialect: 'libvirt' })).toMatch(/quorum/i);
    const ok = importText([{ name: 'q', text: q }], { dialect: 'proposal' });
    expect(ok.ok).toBe(true);
  });

  it('nothing given', () => {
    expect(refused([])).toMatch(/Nothing to import/);
  });
});

/** A result is either a whole, readable document or a plain refusal. */
function sound(r: ImportResult): void {
  if (!r.ok) {
    expect(r.message.length).toBeGreaterThan(10);
    expect(r.message).not.toMatch(/internal error/);
    return;
  }
  const again = loadText(r.xml);
  expect(again.ok).toBe(true);
  if (again.ok) expect(toText(again.doc)).toBe(r.xml);
  for (const d of r.diagnostics) expect(d.line >= 1 && d.col >= 1).toBe(true);
}

const run = (texts: string[]): ImportResult => {
  let r: ImportResult | undefined;
  expect(() => (r = importText(texts.map((text, i) => ({ name: `in${i}`, text }))))).not.toThrow();
  return r!;
};

const saved = Object.entries(fixtures()).filter(([f]) => !f.endsWith('.xml'));
const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20240613);

/** Random changes to a JSON value: a key dropped, a value swapped for random JSON, an array cut. */
function mutateJson(v: unknown, rand: () => number, junk: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map((x) => (rand() < 0.3 ? mutateJson(x, rand, junk) : x));
    return rand() < 0.2 ? out.slice(0, Math.floor(rand() * out.length)) : out;
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = rand();
      if (p < 0.08) continue;
      out[k] = p < 0.16 ? junk : p < 0.5 ? mutateJson(x, rand, junk) : x;
    }
    return out;
  }
  return rand() < 0.1 ? junk : v;
}

describe('fuzz: never an exception, never a half-built document', () => {
  it('random text and random JSON', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => sound(run([s]))), { numRuns: 300, seed: SEED });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => sound(run([JSON.stringify(v)]))), { numRuns: 300, seed: SEED });
  });

  it('real outputs with keys dropped and values swapped', () => {
    const json = saved.filter(([, t]) => /^\s*[[{]/.test(t));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: json.length - 1 }), fc.integer(), fc.jsonValue({ maxDepth: 3 }), (i, seed, junk) => {
        let x = seed;
        const rand = (): number => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
        sound(run([JSON.stringify(mutateJson(JSON.parse(json[i]![1]), rand, junk))]));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('real outputs cut and spliced as text, alone and in pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: saved.length - 1 }), fc.integer({ min: 0, max: saved.length - 1 }), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (i, j, a, b, ins) => {
        const t = saved[i]![1];
        const at = a % (t.length + 1);
        const cut = t.slice(0, at) + ins + t.slice(Math.min(t.length, at + (b % 40)));
        sound(run([cut]));
        sound(run([cut, saved[j]![1]]));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('every pair of saved outputs: a document or a refusal', () => {
    for (const [, a] of saved) for (const [, b] of saved) sound(run([a, b]));
  });
});
