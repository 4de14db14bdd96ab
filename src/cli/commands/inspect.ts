/** `strata inspect FILE [--json]` */
import { checkText } from '../../core/check';
import { inspect } from '../../core/inspect';
import type { InspectJson } from '../../core/inspect';
import { hasFlag, parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { diagnosticLine, readText } from '../shared/io';

export function inspectCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: [], flags: ['json'] });
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('inspect takes exactly one FILE.');
  const text = readText(io, file);
  if (text === null) return 1;
  const { doc, diagnostics } = checkText(text);
  if (doc === null) {
    for (const d of diagnostics) io.err(diagnosticLine(file, d) + '\n');
    return 1;
  }
  const json = inspect(doc, diagnostics);
  io.out(hasFlag(args, 'json') ? JSON.stringify(json, null, 2) + '\n' : summary(json, file));
  return 0;
}

/** One line per disk and per node: enough to read at a terminal without a JSON viewer. */
function summary(json: InspectJson, file: string): string {
  const lines = [`${json.dialect} dialect, ${json.state}, ${json.disks.length} disk(s)`];
  for (const disk of json.disks) {
    lines.push(`${disk.target ?? '(no target)'}${disk.alias ? ` alias ${disk.alias}` : ''}, next id ${disk.counter}`);
    for (const n of disk.nodes) {
      const parts = [`  ${n.position}:`, n.name ?? '(no id)', n.type ?? '(no type)', n.format ?? '(no format)', n.source ?? '(no source)'];
      if (n.threshold !== null) parts.push(`threshold ${n.threshold}`);
      parts.push(n.end ?? `backed by ${n.children.join(', ')}`);
      lines.push(parts.join(' '));
    }
  }
  for (const d of json.diagnostics) lines.push(diagnosticLine(file, d));
  return lines.join('\n') + '\n';
}
