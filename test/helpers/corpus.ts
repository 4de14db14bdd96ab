/** Where the shared libvirt corpus is, and its XML files (it lives outside the repo, in ../shared). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'libvirt');
export const CORPUS_EXISTS = existsSync(CORPUS_DIR);

/** Paths relative to CORPUS_DIR, sorted, so test names are stable. */
export function corpusXmlFiles(): string[] {
  if (!CORPUS_EXISTS) return [];
  const out: string[] = [];
  const dirs = [CORPUS_DIR];
  while (dirs.length > 0) {
    const d = dirs.pop()!;
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) dirs.push(p);
      else if (f.endsWith('.xml')) out.push(relative(CORPUS_DIR, p));
    }
  }
  return out.sort();
}
