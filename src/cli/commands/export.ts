/** `strata export qmp FILE` and `strata export qemu-img FILE [--size SIZE]` */
import { ExportError } from '../../core/export/protocol';
import { exportQemuImg } from '../../core/export/qemuImg';
import { exportQmpPlan } from '../../core/export/qmp';
import { optionValue, parseArgs, UsageError } from '../shared/args';
import type { CliIO } from '../shared/io';
import { readDoc } from '../shared/io';

const FORMATS = ['qmp', 'qemu-img'] as const;

export function exportCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, { values: ['size'], flags: [] });
  const [format, file, ...extra] = args.positionals;
  if (format === undefined || file === undefined || extra.length > 0) throw new UsageError('export takes a FORMAT (qmp or qemu-img) and one FILE.');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`Unknown export format '${format}': use qmp or qemu-img.`);
  const size = optionValue(args, 'size');
  if (size !== null && format !== 'qemu-img') throw new UsageError('--size applies to export qemu-img only.');
  const doc = readDoc(io, file);
  if (doc === null) return 1;
  try {
    if (format === 'qmp') {
      const plan = exportQmpPlan(doc);
      io.out(JSON.stringify(plan.commands, null, 2) + '\n');
      for (const n of plan.notes) io.err(`note: ${n}\n`);
    } else io.out(exportQemuImg(doc, size === null ? {} : { size }));
    return 0;
  } catch (e) {
    // A document QEMU could not open as written: the reason, not a stack trace.
    if (!(e instanceof ExportError)) throw e;
    io.err(e.message + '\n');
    return 1;
  }
}
