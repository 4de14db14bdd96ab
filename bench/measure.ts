/**
 * What the benchmark measures, without Node APIs (performance.now exists in
 * browsers too), so a browser runner can reuse it and only print differently.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadText, toText } from '../src/core/document';
import { emitDocument } from '../src/core/model/emit';
import { readDocument } from '../src/core/model/read';
import { validate } from '../src/core/validate';
import { parseXml } from '../src/core/xml/parse';
import { writeXml } from '../src/core/xml/write';

/**
 * A copy of src/core/xml/parse.ts's parser options (they are not exported):
 * the floor must parse exactly the way Strata does. Keep the two in step.
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

export function time(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

export interface CaseResult {
  readonly strataMs: number;
  readonly floorMs: number;
  readonly stagesMs: Record<Stage, number>;
}

/** Median of `runs` interleaved runs of Strata and the floor, after `warmup` runs of each (JIT), plus stage medians. */
export function measureCase(text: string, runs = 7, warmup = 2): CaseResult {
  for (let i = 0; i < warmup; i++) {
    strata(text);
    floor(text);
  }
  const s: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < runs; i++) {
    s.push(time(() => strata(text)));
    f.push(time(() => floor(text)));
  }
  // Three runs are enough to see which stage dominates; the ratio uses the full runs above.
  const stages = [0, 1, 2].map(() => stageTimes(text));
  const stagesMs = Object.fromEntries(STAGES.map((k) => [k, median(stages.map((x) => x[k]))])) as Record<Stage, number>;
  return { strataMs: median(s), floorMs: median(f), stagesMs };
}
