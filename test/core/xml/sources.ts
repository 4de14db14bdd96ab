/**
 * Real documents to mutate: the shared libvirt corpus (read from ../shared,
 * never copied into the repo) and the built-in examples; the examples alone
 * when the corpus is absent (the suite says so).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from '../../../src/core/examples';
import { CORPUS_DIR, CORPUS_EXISTS, corpusXmlFiles } from '../../helpers/corpus';

export interface Source {
  readonly name: string;
  readonly text: string;
}

export function fuzzSources(): { sources: Source[]; note: string; corpus: boolean } {
  const examples = EXAMPLES.map((e) => ({ name: `example:${e.id}`, text: e.text }));
  if (!CORPUS_EXISTS) {
    return { sources: examples, corpus: false, note: `the libvirt corpus is not at ${CORPUS_DIR}: mutating the ${examples.length} built-in examples only` };
  }
  const corpus = corpusXmlFiles().map((f) => ({ name: `corpus:${f}`, text: readFileSync(join(CORPUS_DIR, f), 'utf8') }));
  return { sources: [...corpus, ...examples], corpus: true, note: `${corpus.length} corpus files (${CORPUS_DIR}) and ${examples.length} built-in examples` };
}

/** A small seeded generator (mulberry32): the same seed gives the same cases on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/**
 * UTF-8, except that a lone surrogate is written as its 3-byte form (as
 * WTF-8 does): TextEncoder would silently turn it into U+FFFD, and the
 * judge must see the same bad character Strata sees.
 */
export function wtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (c: number): void => {
    out[o++] = le ? c & 255 : c >> 8;
    out[o++] = le ? c >> 8 : c & 255;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
  return out;
}

export function latin1Bytes(s: string): Uint8Array | null {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return null;
    out[i] = c;
  }
  return out;
}
