/** `strata convert FILE --to DIALECT` */
import { toText } from '../../core/io/document';
import { perform } from '../../core/operations/registry';
import { parseArgs, requireValue, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { readDoc } from '../shared/io';
import { parseDialect } from './dialect';

export function convertCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: ['to'], flags: [] });
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('convert takes exactly one FILE.');
  const dialect = parseDialect(requireValue(args, 'to', 'convert'));
  const doc = readDoc(io, file);
  if (doc === null) return 1;
  const result = perform(doc, { kind: 'convert', dialect });
  if (!result.ok) {
    io.err(result.reason + '\n');
    return 1;
  }
  io.out(toText(result.doc));
  return 0;
}
