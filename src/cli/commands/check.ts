/** `strata check DOC --against FILE... [--dir DIR]` */
import { checkAgainst } from '../../core/check/index';
import type { CheckFinding } from '../../core/check/index';
import type { ImportInput } from '../../core/import';
import { optionValue, parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { diagnosticLine, displayName, readDoc } from '../shared/io';
import { readOutput } from './import';

/** The finding's line, then how to fix it: the registry operation (`fix:`) and the host command (`host:`). */
function findingLines(file: string, f: CheckFinding): string[] {
  const out = [diagnosticLine(file, f)];
  if (f.fix) out.push(`  fix: ${f.fix.label}${f.fix.blocked ? ` (refused as the XML is now: ${f.fix.blocked})` : ''}`);
  if (f.host) out.push(`  host: ${f.host}`);
  return out;
}

export function checkCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: ['against', 'dir'], flags: [], repeatable: ['against'] });
  const [file, ...more] = args.positionals;
  const against = args.options.filter((o) => o.name === 'against').map((o) => o.value!);
  if (file === undefined) throw new UsageError('check needs DOC, the domain XML to check.');
  if (against.length === 0) throw new UsageError('check needs --against FILE...: qemu-img info, QMP or virsh output about the same guest.');
  // `--against A B C`: the files after the first are positionals; all of them are tool outputs.
  const files = [...against, ...more];
  if (files.filter((f) => f === '-').length > 1 || (file === '-' && files.includes('-'))) throw new UsageError("stdin ('-') can be read only once.");
  const doc = readDoc(io, file);
  if (doc === null) return 1;
  const inputs: ImportInput[] = [];
  for (const f of files) {
    const text = readOutput(io, f);
    // All or nothing: a check against some of the outputs would call the rest of the guest missing.
    if (text === null) return 1;
    inputs.push({ name: displayName(f), text });
  }
  const result = checkAgainst(doc, inputs, { dir: optionValue(args, 'dir') });
  if (!result.ok) {
    io.err(`strata: ${result.message}\n`);
    return 1;
  }
  // FILE is DOC: LINE:COL point at the node in it, as validate's lines do.
  for (const f of result.findings) io.out(findingLines(file, f).join('\n') + '\n');
  if (result.findings.length === 0) io.out(`${displayName(file)}: no disagreement with ${inputs.map((i) => i.name).join(', ')}\n`);
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
