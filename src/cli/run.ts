/** Dispatches `strata COMMAND ...` to a command; returns the exit code. */
import { UsageError } from './shared/args';
import { checkCommand } from './commands/check';
import { convertCommand } from './commands/convert';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { opCommand } from './commands/op';
import { validateCommand } from './commands/validate';
import { USAGE } from './help';
import type { CliIO } from './shared/io';

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIO) => number>> = {
  inspect: inspectCommand,
  convert: convertCommand,
  validate: validateCommand,
  op: opCommand,
  export: exportCommand,
  import: importCommand,
  check: checkCommand,
};

export function run(argv: readonly string[], io: CliIO): number {
  const [name, ...rest] = argv;
  if (name === undefined || argv.includes('--help') || argv.includes('-h')) {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  // Own properties only: 'constructor' or 'toString' is not a command.
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (command === undefined) throw new UsageError(`Unknown command '${name}'.`);
    return command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`strata: ${e.message}\nRun 'strata --help' for the commands and their options.\n`);
      return 2;
    }
    // A bug in Strata, not in the input: say so in one line, never with a stack trace (STRATA_DEBUG=1 shows it).
    const why = e instanceof Error ? e.message : String(e);
    io.err(`strata: internal error: ${why.replace(/^internal: /, '')}\nThis is a bug in Strata, not in your file; please report it with the input.\n`);
    if (typeof process !== 'undefined' && process.env.STRATA_DEBUG === '1' && e instanceof Error && e.stack) io.err(e.stack + '\n');
    return 1;
  }
}
