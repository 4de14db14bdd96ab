/** `strata op FILE OPERATION ... [--to DIALECT | --json | --commands]` */
import { formatHostCommands } from '../../core/commands';
import { toText } from '../../core/io/document';
import { inspect } from '../../core/inspect';
import { commandsOf, perform } from '../../core/operations/registry';
import { validate } from '../../core/validate';
import { hasFlag, optionValue, parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { readDoc } from '../shared/io';
import { parseDialect } from './dialect';
import { findOperation, OPERATIONS } from './operations';

export function opCommand(argv: readonly string[], io: CliIO): number {
  // FILE and OPERATION come first so the operation can say which options it takes.
  const [file, name, ...rest] = argv;
  if (file === undefined || name === undefined) throw new UsageError('op needs FILE and OPERATION.');
  const operation = findOperation(name);
  if (operation === undefined) throw new UsageError(`Unknown operation '${name}'; one of: ${Object.keys(OPERATIONS).join(', ')}.`);
  const spec = operation.options;
  const args = parseArgs(rest, { ...spec, values: [...spec.values, 'to'], flags: [...spec.flags, 'json', 'commands'] });
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'.`);
  const to = optionValue(args, 'to');
  const commands = hasFlag(args, 'commands');
  // --commands prints commands, not a document: a dialect or the inspect JSON would be ignored, so asking for them is a mistake.
  if (commands && (to !== null || hasFlag(args, 'json'))) throw new UsageError('--commands prints host commands; it does not combine with --to or --json.');
  const dialect = to === null ? null : parseDialect(to);
  const request = operation.parse(args);
  const doc = readDoc(io, file);
  if (doc === null) return 1;
  // Addresses are read in the document's own dialect; --to only changes how the result is written.
  let result = perform(doc, request);
  if (result.ok && commands) {
    io.out(formatHostCommands(commandsOf(doc, request, result.doc)!));
    return 0;
  }
  if (result.ok && dialect !== null) result = perform(result.doc, { kind: 'convert', dialect });
  if (!result.ok) {
    io.err(result.reason + '\n');
    return 1;
  }
  io.out(hasFlag(args, 'json') ? JSON.stringify(inspect(result.doc, validate(result.doc)), null, 2) + '\n' : toText(result.doc));
  return 0;
}
