/**
 * Property and fuzz suite for the XML layer, judged by libxml2: seeded
 * mutations of real documents (fuzzCases), each asked of `xmllint` (batched)
 * and of Strata. Malformed per libxml2 -> Strata refuses with a line:col;
 * well-formed -> Strata accepts, the save is canonically equal to the input
 * (C14N by xmllint, layout whitespace dropped) and a second save is
 * identical. Seed: STRATA_FUZZ_SEED (printed); size: STRATA_FUZZ_PER_SOURCE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadText, toText } from '../../../src/core/io/document';
import { decodeXml } from '../../../src/core/xml/decode';
import { parseXml } from '../../../src/core/xml/parse';
import type { XmlNode } from '../../../src/core/xml/tree';
import { writeXml } from '../../../src/core/xml/write';
import { XMLLINT_MISSING, c14n, canonicalLines, judge } from '../../helpers/xmllint';
import { approxC14n, lossLabel, minimizeTree } from './losses';
import { generatedDoc } from './generate';
import { type Case, fuzzCases } from './mutate';
import { Rng, fuzzSources, wtf8 } from './sources';

const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20240611);
const MIN_CASES = 2000;
/** Grammar-generated documents on top of the mutations (generate.ts). */
const GENERATED = Number(process.env.STRATA_FUZZ_GENERATED ?? 3000);

if (XMLLINT_MISSING) console.warn(`test/core/xml/fuzz.test.ts: skipped: ${XMLLINT_MISSING}.`);

type Read = { ok: true; text: string; out: string } | { ok: false; code: string; message: string; line: number; col: number };

interface Result {
  readonly c: Case;
  readonly wellFormed: boolean;
  readonly messages: string;
  readonly read: Read | { threw: string };
  /** Text cases: the bytes path (decodeXml, then loadText) decided otherwise than the string path. */
  readonly pathsDisagree: boolean;
}

function strataRead(c: Case): { read: Read | { threw: string }; pathsDisagree: boolean } {
  const viaBytes = (): Read => {
    const d = decodeXml(c.bytes);
    if (!d.ok) return { ok: false, code: 'xml-malformed', message: d.message, line: d.line, col: d.col };
    return viaText(d.text);
  };
  const viaText = (text: string): Read => {
    const r = loadText(text);
    return r.ok ? { ok: true, text, out: toText(r.doc) } : { ok: false, ...r.error };
  };
  try {
    const bytes = viaBytes();
    // A string has no encoding: libxml2 can judge it (as UTF-8 bytes) only when it does not declare another one.
    if (c.text === null || declaresOtherThanUtf8(c.text)) return { read: bytes, pathsDisagree: false };
    const text = viaText(c.text);
    return { read: text, pathsDisagree: text.ok !== bytes.ok };
  } catch (e) {
    return { read: { threw: e instanceof Error ? (e.stack ?? e.message) : String(e) }, pathsDisagree: false };
  }
}

function declaresOtherThanUtf8(text: string): boolean {
  const enc = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  return enc !== undefined && !/^utf-?8$/i.test(enc);
}

const show = (s: string, n = 160): string => JSON.stringify(s.length > n ? s.slice(0, n) + '…' : s);

describe.skipIf(XMLLINT_MISSING !== null)('XML layer against libxml2 (seeded fuzz)', () => {
  const { sources, note, corpus } = fuzzSources();
  if (!corpus) console.warn(`test/core/xml/fuzz.test.ts: ${note}.`);
  const perSource = Number(process.env.STRATA_FUZZ_PER_SOURCE ?? Math.ceil((MIN_CASES * 1.1) / sources.length));
  const rng = new Rng(SEED);
  const mutated = fuzzCases(sources, perSource, rng);
  const cases: Case[] = [...mutated];
  for (let i = 0; i < GENERATED; i++) {
    const text = generatedDoc(rng);
    cases.push({ id: cases.length, source: 'generated', op: 'generated', text, bytes: wtf8(text) });
  }
  const results: Result[] = [];
  const accepted: { r: Result; input: string | null; output: string | null; xmlOnly: string | null; second: string; xmlOnlyText: string }[] = [];
  // Every count is printed, zeros too.
  const counts: Record<string, number> = Object.fromEntries(
    [
      'cases',
      'malformed',
      'accepted but malformed',
      'rejected but well-formed',
      'refused for safety (xml-entity)',
      'refused on purpose: NUL after the root (libxml2 stops reading there)',
      'changed by the XML layer',
      'changed on save (model layer)',
      'second save differs',
      'exceptions',
      'string and byte paths disagree',
      'well-formed but xmllint --c14n cannot canonicalise it (not compared)',
    ].map((k) => [k, 0]),
  );
  const bump = (k: string): void => void (counts[k] = (counts[k] ?? 0) + 1);
  const examples: Record<string, string[]> = {};
  const note1 = (k: string, s: string): void => {
    const list = (examples[k] ??= []);
    if (list.length < 5) list.push(s);
  };

  const byOp = (): string => {
    const ops = new Map<string, number[]>();
    const changed = new Set(accepted.filter((a) => a.output !== a.input).map((a) => a.r.c.id));
    for (const r of results) {
      const op = r.c.op.includes(' + ') ? '(two mutations stacked)' : r.c.op;
      const row = ops.get(op) ?? [0, 0, 0, 0];
      row[0]!++;
      if (!r.wellFormed) row[1]!++;
      if ('ok' in r.read && r.read.ok) row[2]!++;
      if (changed.has(r.c.id)) row[3]!++;
      ops.set(op, row);
    }
    return [...ops].map(([op, row]) => `  ${op.padEnd(32)} ${row.map((n) => String(n).padStart(4)).join(' ')}`).join('\n');
  };

  beforeAll(async () => {
    const t0 = performance.now();
    const verdicts = await judge(cases.map((c) => c.bytes));
    const t1 = performance.now();
    for (const c of cases) results.push({ c, ...verdicts[c.id]!, ...strataRead(c) });
    const good = results.filter((r) => r.wellFormed && 'ok' in r.read && r.read.ok);
    const texts = good.map((r) => (r.read as Extract<Read, { ok: true }>).text);
    const outs = good.map((r) => (r.read as Extract<Read, { ok: true }>).out);
    const xmlOnly = texts.map((t) => {
      const p = parseXml(t);
      return p.ok ? writeXml(p.nodes) : '';
    });
    const [ci, co, cx] = await Promise.all([c14n(good.map((r) => r.c.bytes)), c14n(outs), c14n(xmlOnly)]);
    good.forEach((r, i) => {
      const again = loadText(outs[i]!);
      accepted.push({ r, input: ci[i]!, output: co[i]!, xmlOnly: cx[i]!, xmlOnlyText: xmlOnly[i]!, second: again.ok ? toText(again.doc) : `(rejected: ${again.error.message})` });
    });
    console.log(`xml fuzz: seed ${SEED}; ${mutated.length} mutated cases from ${note}, ${GENERATED} generated; xmllint ${(t1 - t0).toFixed(0)} ms, all ${(performance.now() - t0).toFixed(0)} ms`);
  }, 120_000);

  it(`has at least ${MIN_CASES} mutated cases`, () => {
    expect(mutated.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('no case throws; every refusal has a message and a line:col; the string and byte paths agree', () => {
    for (const r of results) {
      bump('cases');
      if ('threw' in r.read) {
        bump('exceptions');
        note1('exceptions', `#${r.c.id} ${r.c.op} (${r.c.source}): ${r.read.threw}`);
        continue;
      }
      if (r.pathsDisagree) bump('string and byte paths disagree');
      if (r.pathsDisagree) note1('paths disagree', `#${r.c.id} ${r.c.op}: ${show(r.c.text ?? '')}`);
      if (!r.read.ok && !(r.read.line >= 1 && r.read.col >= 1 && r.read.message.length > 0 && /^xml-(malformed|entity)$/.test(r.read.code))) {
        note1('bad errors', `#${r.c.id}: ${JSON.stringify(r.read)}`);
      }
    }
    expect(examples['exceptions'] ?? []).toEqual([]);
    expect(examples['bad errors'] ?? []).toEqual([]);
    expect(examples['paths disagree'] ?? []).toEqual([]);
  });

  it('what libxml2 rejects, Strata rejects', () => {
    for (const r of results) {
      if (r.wellFormed || 'threw' in r.read) continue;
      bump('malformed');
      if (r.read.ok) {
        bump('accepted but malformed');
        note1('accepted but malformed', `#${r.c.id} ${r.c.op} (${r.c.source}): ${r.messages.split('\n')[0]} :: ${show(r.c.text ?? '(bytes)')}`);
      }
    }
    expect(examples['accepted but malformed'] ?? []).toEqual([]);
  });

  it('what libxml2 accepts, Strata accepts (safety refusals and deliberate deviations counted apart)', () => {
    for (const r of results) {
      if (!r.wellFormed || 'threw' in r.read || r.read.ok) continue;
      if (r.read.code === 'xml-entity') bump('refused for safety (xml-entity)');
      else if (/\bNUL\b/.test(r.read.message)) bump('refused on purpose: NUL after the root (libxml2 stops reading there)');
      else {
        bump('rejected but well-formed');
        note1('rejected but well-formed', `#${r.c.id} ${r.c.op} (${r.c.source}): ${r.read.line}:${r.read.col} ${r.read.message} :: ${show(r.c.text ?? '(bytes)')}`);
      }
    }
    expect(examples['rejected but well-formed'] ?? []).toEqual([]);
  });

  it('the XML layer alone (parseXml -> writeXml) loses nothing, writes well-formed XML, and writes it again the same', () => {
    for (const a of accepted) {
      const again = parseXml(a.xmlOnlyText);
      if (!again.ok || writeXml(again.nodes) !== a.xmlOnlyText) note1('XML layer second write differs', `#${a.r.c.id} ${a.r.c.op}: ${show(a.xmlOnlyText)}`);
      if (a.input === null) {
        bump('well-formed but xmllint --c14n cannot canonicalise it (not compared)');
        note1('no canonical input', `#${a.r.c.id} ${a.r.c.op}: ${a.r.messages.split('\n')[0]}`);
      }
      else if (a.xmlOnly === null) note1('XML layer wrote malformed XML', `#${a.r.c.id} ${a.r.c.op}`);
      else if (a.xmlOnly !== a.input) {
        bump('changed by the XML layer');
        note1('changed by the XML layer', `#${a.r.c.id} ${a.r.c.op} (${a.r.c.source}): ${lossLabel(a.input, a.xmlOnly)}`);
      }
    }
    expect(examples['XML layer wrote malformed XML'] ?? []).toEqual([]);
    expect(examples['changed by the XML layer'] ?? []).toEqual([]);
    expect(examples['XML layer second write differs'] ?? []).toEqual([]);
  });

  it('saving (model layer included) changes nothing, and a second save is identical', () => {
    const byLabel = new Map<string, Result[]>();
    for (const a of accepted) {
      const out = (a.r.read as Extract<Read, { ok: true }>).out;
      if (a.second !== out) {
        bump('second save differs');
        note1('second save differs', `#${a.r.c.id} ${a.r.c.op} (${a.r.c.source}): first ${show(out, 400)}\n      second ${show(a.second, 400)}`);
      }
      if (a.input === null || a.xmlOnly !== a.input) continue;
      if (a.output === a.input) continue;
      bump('changed on save (model layer)');
      const label = a.output === null ? 'output not well-formed' : lossLabel(a.input, a.output);
      byLabel.set(label, [...(byLabel.get(label) ?? []), a.r]);
    }
    const report = [...byLabel].sort((x, y) => y[1].length - x[1].length).map(([label, rs]) => `  ${rs.length} × ${label}\n${rs.slice(0, 2).map((r) => minimized(r, label)).join('\n')}`);
    console.log(`xml fuzz counts: ${JSON.stringify(counts, null, 1)}`);
    console.log(`by mutation (cases / malformed per libxml2 / accepted by Strata / changed on save):\n${byOp()}`);
    if (report.length > 0) console.log(`changed on save by the model layer (src/core/model), by cause:\n${report.join('\n')}`);
    if (examples['no canonical input']) console.log(`not compared (xmllint --c14n refused them):\n  ${examples['no canonical input'].join('\n  ')}`);
    if (examples['second save differs']) console.log(`second save differs (model layer: the XML layer's own second write is checked above):\n  ${examples['second save differs'].join('\n  ')}`);
    expect(counts['second save differs'] ?? 0).toBe(0);
    expect(counts['changed on save (model layer)'] ?? 0).toBe(0);
  });
});

/** A minimised input showing the same model-layer loss (checked in-process, see losses.ts), and what Strata saves for it. */
function minimized(r: Result, label: string): string {
  const text = (r.read as Extract<Read, { ok: true }>).text;
  const parsed = parseXml(text);
  if (!parsed.ok) return '';
  const keeps = (nodes: readonly XmlNode[]): boolean => {
    const t = writeXml(nodes);
    const loaded = loadText(t);
    if (!loaded.ok) return false;
    const output = parseXml(toText(loaded.doc));
    if (!output.ok) return false;
    const a = canonicalLines(approxC14n(nodes));
    const b = canonicalLines(approxC14n(output.nodes));
    return a !== b && lossLabel(a, b) === label;
  };
  const small = writeXml(keeps(parsed.nodes) ? minimizeTree(parsed.nodes, keeps) : parsed.nodes);
  const loaded = loadText(small);
  const saved = loaded.ok ? toText(loaded.doc) : '(rejected)';
  return `    #${r.c.id} ${r.c.op} (${r.c.source}), minimised:\n${indent(small)}\n    saved as:\n${indent(saved)}`;
}

const indent = (s: string): string =>
  s
    .trimEnd()
    .split('\n')
    .map((l) => `      | ${l}`)
    .join('\n');

