/** `strata import FILE... [--to DIALECT] [--dir DIR]` */
import { importText } from '../../core/import';
import type { ImportInput } from '../../core/import';
import { optionValue, parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { diagnosticLine, displayName } from '../shared/io';
import { parseDialect } from './dialect';

/** Tool output is UTF-8 text (JSON, virsh tables); a file that is not is named, not guessed at. */
export function readOutput(io: CliIO, file: string): string | null {
  try {
    const input = io.readInput(file);
    return typeof input === 'string' ? input.replace(/^\uFEFF/, '') : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (e) {
    const why = e instanceof TypeError ? 'it is not UTF-8 text' : e instanceof Error ? e.message : String(e);
    io.err(`strata: cannot read ${displayName(file)}: ${why}\n`);
    return null;
  }
}

export function importCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: ['to', 'dir'], flags: [] });
  if (args.positionals.length === 0) throw new UsageError('import takes one or more FILEs (tool outputs about one guest).');
  if (args.positionals.filter((f) => f === '-').length > 1) throw new UsageError("stdin ('-') can be read only once.");
  const to = optionValue(args, 'to');
  const dialect = to === null ? undefined : parseDialect(to);
  const inputs: ImportInput[] = [];
  for (const file of args.positionals) {
    const text = readOutput(io, file);
    // All or nothing: a document built from some of the outputs given would pass for the whole guest.
    if (text === null) return 1;
    inputs.push({ name: displayName(file), text });
  }
  const result = importText(inputs, { dir: optionValue(args, 'dir'), dialect });
  if (!result.ok) {
    io.err(`strata: ${result.message}\n`);
    return 1;
  }
  io.out(result.xml);
  // FILE is the output a finding comes from; LINE:COL point at its node in the document printed on stdout.
  for (const d of result.diagnostics) io.err(diagnosticLine(d.input, d) + '\n');
  return 0;
}
