/**
 * Skips that say why. A suite that cannot run here (a tool missing, the
 * shared corpus absent) calls this once: the reason goes to the console and
 * to test-results/skips.txt, which `npm test`'s summary prints beside the
 * skipped count, so a missing tool never reads as a pass.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus';

export function skipNote(suite: string, reason: string): void {
  const line = `${suite}: skipped: ${reason}`;
  console.warn(line);
  try {
    const dir = join(REPO_ROOT, 'test-results');
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, 'skips.txt'), line + '\n');
  } catch {
    // The console line is enough where test-results/ cannot be written.
  }
}
