/**
 * libxml2 as the judge, through `xmllint` (Debian libxml2-utils), batched:
 * one process reads hundreds of files. Two questions:
 * - wellFormed: does `xmllint --noout --huge` accept the bytes? Its exit
 *   status is per call, not per file, and "parser error" lines do not tell
 *   (some are not fatal). But with --timing xmllint prints "Parsing took"
 *   exactly when it got a document (xmllint.c returns before that when
 *   xmlReadFile gave NULL, which is what sets the exit status; checked
 *   against one call per file on 2,208 fuzz cases: no difference). Files
 *   are told apart by marker files whose warning names them.
 * - c14n: the W3C canonical form (`xmllint --c14n`: entities expanded,
 *   attributes sorted, CDATA as text, no declaration or DOCTYPE), split by
 *   separator documents, then with layout whitespace dropped (see
 *   canonicalLines: whitespace-only text beside markup, unless the element
 *   also has other text), written one node per line.
 * `--huge`: Strata has no depth or size limit (libxml2's default stops at
 * 256 levels). `--nonet`: never fetch a DTD.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why xmllint cannot be used here, or null when it can. */
export const XMLLINT_MISSING: string | null = (() => {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error) return `xmllint is not installed (${r.error.message}); install Debian's libxml2-utils`;
  return /libxml version/.test(r.stderr + r.stdout) ? null : `xmllint --version printed no libxml version: ${r.stderr}`;
})();

const MARK = "<?xml version='1.1'?><m/>";
const SEP_NAME = 'strata-c14n-separator';
const SEP = `<?xml version='1.1'?><${SEP_NAME}/>`;
const BATCH = 400;

export interface Verdict {
  readonly wellFormed: boolean;
  /** xmllint's messages for this file (errors and warnings), for reports. */
  readonly messages: string;
}

/** tmpfs when there is one: writing thousands of small files to a disk-backed /tmp costs more than xmllint itself. */
const SCRATCH = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
})();

function withDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(SCRATCH, 'strata-xmllint-'));
  return f(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** xmllint's stderr split per case: the text before marker i belongs to case i. */
function splitByMarkers(stderr: string, count: number): { parts: string[]; found: number } {
  const out: string[] = Array.from({ length: count }, () => '');
  let found = 0;
  const re = /^.*\/m(\d+)\.xml:1: parser warning : Unsupported version '1\.1'\n.*\n.*\nParsing took \d+ ms\nFreeing took \d+ ms\n/gm;
  let from = 0;
  for (let m = re.exec(stderr); m; m = re.exec(stderr)) {
    out[Number(m[1])] = stderr.slice(from, m.index);
    from = re.lastIndex;
    found++;
  }
  return { parts: out, found };
}

export async function judge(docs: readonly Uint8Array[]): Promise<Verdict[]> {
  return withDir(async (dir) => {
    const out: Verdict[] = [];
    for (let b = 0; b < docs.length; b += BATCH) {
      const args = ['--noout', '--huge', '--nonet', '--timing'];
      const n = Math.min(BATCH, docs.length - b);
      for (let i = 0; i < n; i++) {
        const f = join(dir, `c${b + i}.xml`);
        writeFileSync(f, docs[b + i]!);
        if (b === 0) writeFileSync(join(dir, `m${i}.xml`), MARK);
        args.push(f, join(dir, `m${i}.xml`));
      }
      const r = spawnSync('xmllint', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      const split = splitByMarkers(r.stderr, n);
      // A crash or a lost marker would misattribute messages: better to fail loudly.
      if (split.found !== n) throw new Error(`xmllint: found ${split.found} of ${n} markers (exit ${r.status}): ${r.stderr.slice(-500)}`);
      for (const part of split.parts) {
        out.push({ wellFormed: /^Parsing took \d+ ms$/m.test(part), messages: part.replace(/^(Parsing|Freeing) took \d+ ms\n/gm, '') });
      }
    }
    return out;
  });
}

/** Canonical forms (see canonicalLines), null where xmllint could not canonicalise the file. */
export async function c14n(docs: readonly (Uint8Array | string)[]): Promise<(string | null)[]> {
  return withDir(async (dir) => {
    const out: (string | null)[] = [];
    const sep = join(dir, 'sep.xml');
    writeFileSync(sep, SEP);
    for (let b = 0; b < docs.length; b += BATCH) {
      const args = ['--c14n', '--huge', '--nonet'];
      const n = Math.min(BATCH, docs.length - b);
      for (let i = 0; i < n; i++) {
        const f = join(dir, `d${b + i}.xml`);
        writeFileSync(f, docs[b + i]!);
        args.push(f, sep);
      }
      const r = spawnSync('xmllint', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      const parts = r.stdout.split(`<${SEP_NAME}></${SEP_NAME}>`);
      for (let i = 0; i < n; i++) out.push(parts[i] ? canonicalLines(parts[i]!) : null);
    }
    return out;
  });
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/[^>]*>|<[^\s/>]+(?:\s+[^\s=]+="[^"]*")*>|[^<]+/y;

/**
 * C14N text -> one node per line, indented by depth. A whitespace-only text
 * child is layout when its element has markup children and no other text;
 * the document level keeps no text at all. Decided per element on its
 * direct children, iteratively.
 */
export function canonicalLines(c14nText: string): string {
  /** A direct child: its text blankness (null for markup) and its lines (an element's include its subtree). */
  type Child = { blank: boolean | null; lines: string[] };
  const keep = (kids: Child[], topLevel: boolean): string[] => {
    const texts = kids.filter((k) => k.blank !== null);
    const layout = topLevel || (texts.length < kids.length && texts.every((k) => k.blank === true));
    return kids.filter((k) => !(layout && k.blank !== null)).flatMap((k) => k.lines);
  };
  const stack: { start: string; kids: Child[] }[] = [{ start: '', kids: [] }];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(c14nText); m; m = TOKEN.exec(c14nText)) {
    const t = m[0];
    const pad = ' '.repeat(stack.length - 1);
    const kids = stack[stack.length - 1]!.kids;
    if (t.startsWith('</')) {
      const done = stack.pop()!;
      stack[stack.length - 1]!.kids.push({ blank: null, lines: [done.start, ...keep(done.kids, false)] });
    } else if (t.startsWith('<!--') || t.startsWith('<?')) {
      kids.push({ blank: null, lines: [`${pad}${t}`] });
    } else if (t.startsWith('<')) {
      stack.push({ start: `${pad}${t}`, kids: [] });
    } else {
      kids.push({ blank: /^[ \t\n\r]*$/.test(t.replace(/&#xD;/g, '\r')), lines: [`${pad}text ${JSON.stringify(t)}`] });
    }
    if (TOKEN.lastIndex === c14nText.length) break;
  }
  // An unbalanced text (not C14N output) keeps what was read, open elements included.
  while (stack.length > 1) {
    const done = stack.pop()!;
    stack[stack.length - 1]!.kids.push({ blank: null, lines: [done.start, ...keep(done.kids, false)] });
  }
  return keep(stack[0]!.kids, true).join('\n');
}
