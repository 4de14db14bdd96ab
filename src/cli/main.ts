/** The `strata` command (`npm run --silent strata -- ...`): wires run() to the process. */
import { readFileSync } from 'node:fs';
import { run } from './run';

// Last line of defence: nothing the CLI does may end in a stack trace (run() catches everything it calls).
process.on('uncaughtException', (e) => {
  process.stderr.write(`strata: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

const code = run(process.argv.slice(2), {
  // fd 0 is stdin; reading it whole is fine for documents of any realistic size. Bytes: io.ts decodes them as XML says.
  readInput: (file) => readFileSync(file === '-' ? 0 : file),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
// exitCode (not exit()) lets buffered stdout drain when it is a pipe.
process.exitCode = code;
