/**
 * `strata` as a user runs it: a child process (`npx tsx src/cli/main.ts`) in
 * the repository root. Each spawn costs about a second (npx + tsx start-up):
 * give the test a timeout of a minute.
 */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './corpus';

/** How the process ended and what it printed. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `strata ARGS...` with `input` on stdin; throws only when the process could not be started. */
export function strataProcess(args: readonly string[], input?: string | Uint8Array): CliRun {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
