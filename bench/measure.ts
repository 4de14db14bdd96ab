/**
 * What the benchmark measures, without Node APIs (performance.now exists in
 * browsers too), so a browser runner can reuse it and only print differently.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadText, toText } from '../src/core/io/document';
import { emitDocument } from '../src/core/io/emit';
import { readDocument } from '../src/core/io/read';
import { validate } from '../src/core/validate';
import { parseXml } from '../src/core/xml/parse';
import { writeXml } from '../src/core/xml/write';

/**
 * The fast-xml-parser options Strata used before it had its own parser
 * (docs/decisions.md, "XML parser"): kept here so the floor stays the same
 * reference as in earlier bench reports.
 */
export const PARSE_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  textNodeName: '#text',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  captureMetaData: true,
  jPath: false,
  maxNestedTags: 1_000_000,
  ignoreDeclaration: false,
  ignorePiTags: false,
} as const;

/** The least any reader must do: check the XML and tokenise it. */
export function floor(text: string): unknown {
  if (XMLValidator.validate(text, { allowBooleanAttributes: false }) !== true) throw new Error('invalid bench input');
  return new XMLParser(PARSE_OPTIONS).parse(text);
}

/** What Strata does for an opened file: read (and number), validate, write. */
export function strata(text: string): string {
  const loaded = loadText(text);
  if (!loaded.ok) throw new Error(loaded.error.message);
  validate(loaded.doc);
  return toText(loaded.doc);
}

/** The same work split into its stages, to see where the time goes. */
export const STAGES = ['parse', 'read', 'validate', 'emit', 'write'] as const;
export type Stage = (typeof STAGES)[number];

export function stageTimes(text: string): Record<Stage, number> {
  const t0 = performance.now();
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const t1 = performance.now();
  const { doc } = readDocument(parsed.nodes);
  const t2 = performance.now();
  validate(doc);
  const t3 = performance.now();
  const tree = emitDocument(doc);
  const t4 = performance.now();
  writeXml(tree);
  const t5 = performance.now();
  return { parse: t1 - t0, read: t2 - t1, validate: t3 - t2, emit: t4 - t3, write: t5 - t4 };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank percentile `p` of `xs` (0 for none). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}

/**
 * Mean time of one call of `f`, calling it until at least `minMs` have
 * passed (and at least `minCalls` times): a 31 KB document parses in ~2 ms,
 * too close to timer resolution and GC pauses for a single call to mean much.
 */
export function perCall(f: () => unknown, minMs: number, minCalls = 1): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    f();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs || calls < minCalls);
  return elapsed / calls;
}

export interface CaseResult {
  readonly strataMs: number;
  readonly floorMs: number;
  readonly stagesMs: Record<Stage, number>;
}

/**
 * Median of `runs` interleaved runs of Strata and the floor (each run at
 * least 50 ms of calls), after a warm-up of at least 500 ms and 2 calls of
 * each so both are measured JIT-compiled; plus stage medians of 3 runs.
 */
export function measureCase(text: string, runs = 7): CaseResult {
  perCall(() => strata(text), 500, 2);
  perCall(() => floor(text), 500, 2);
  const s: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    s.push(perCall(() => strata(text), 50));
    f.push(perCall(() => floor(text), 50));
  }
  const stages: Record<Stage, number>[] = [];
  for (let i = 0; i < 3; i++) {
    const sum = Object.fromEntries(STAGES.map((k) => [k, 0])) as Record<Stage, number>;
    // Same batching for the stages: repeat until 50 ms, then average.
    let calls = 0;
    const start = performance.now();
    do {
      const one = stageTimes(text);
      for (const k of STAGES) sum[k] += one[k];
      calls++;
    } while (performance.now() - start < 50);
    stages.push(Object.fromEntries(STAGES.map((k) => [k, sum[k] / calls])) as Record<Stage, number>);
  }
  const stagesMs = Object.fromEntries(STAGES.map((k) => [k, median(stages.map((x) => x[k]))])) as Record<Stage, number>;
  return { strataMs: median(s), floorMs: median(f), stagesMs };
}
