/** `strata validate FILE` */
import { checkText } from '../../core/check';
import { parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { diagnosticLine, readText } from '../shared/io';

export function validateCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: [], flags: [] });
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('validate takes exactly one FILE.');
  const text = readText(io, file);
  if (text === null) return 1;
  const { doc, diagnostics } = checkText(text);
  // Every finding is validate's output, malformed XML included (a script reads them from stdout).
  for (const d of diagnostics) io.out(diagnosticLine(file, d) + '\n');
  return doc === null || diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
