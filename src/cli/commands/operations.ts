/**
 * `op` operations: each names its options and turns the parsed arguments
 * into an OpRequest (src/core/ops/request.ts). Only argument shapes live
 * here; what the operation means is decided in core.
 */
import type { JobEnd } from '../../core/ops/jobs';
import type { BlockKind, OpRequest } from '../../core/ops/request';
import type { OptionSpec, ParsedArgs } from '../shared/args';
import { hasFlag, optionValue, requireValue, UsageError } from '../shared/args';

export interface Operation {
  readonly options: OptionSpec;
  readonly parse: (args: ParsedArgs) => OpRequest;
}

export const OPERATIONS: Readonly<Record<BlockKind, Operation>> = {
  snapshot: {
    options: { values: ['at', 'file'], flags: [], repeatable: ['at', 'file'] },
    parse: (args) => ({ kind: 'snapshot', targets: snapshotTargets(args) }),
  },
  commit: {
    options: { values: ['top', 'base'], flags: ['keep-overlay'] },
    parse: (args) => ({
      kind: 'commit',
      top: requireValue(args, 'top', 'commit'),
      base: requireValue(args, 'base', 'commit'),
      keepOverlay: hasFlag(args, 'keep-overlay'),
    }),
  },
  pull: {
    options: { values: ['top', 'base'], flags: [] },
    parse: (args) => {
      const base = optionValue(args, 'base');
      return { kind: 'pull', top: requireValue(args, 'top', 'pull'), ...(base === null ? {} : { base }) };
    },
  },
  copy: {
    options: { values: ['at', 'dest'], flags: ['shallow', 'cancel'] },
    parse: (args) => ({
      kind: 'copy',
      at: requireValue(args, 'at', 'copy'),
      dest: requireValue(args, 'dest', 'copy'),
      shallow: hasFlag(args, 'shallow'),
      cancel: hasFlag(args, 'cancel'),
    }),
  },
  backup: {
    options: { values: ['at', 'dest'], flags: [] },
    parse: (args) => ({ kind: 'backup', at: requireValue(args, 'at', 'backup'), dest: requireValue(args, 'dest', 'backup') }),
  },
  'quorum-add': {
    options: { values: ['at', 'file'], flags: [] },
    parse: (args) => ({ kind: 'quorum-add', at: requireValue(args, 'at', 'quorum-add'), file: requireValue(args, 'file', 'quorum-add') }),
  },
  'quorum-remove': {
    options: { values: ['at'], flags: [] },
    parse: (args) => ({ kind: 'quorum-remove', at: requireValue(args, 'at', 'quorum-remove') }),
  },
  threshold: {
    options: { values: ['at', 'value'], flags: [] },
    parse: (args) => ({ kind: 'threshold', at: requireValue(args, 'at', 'threshold'), value: integer(requireValue(args, 'value', 'threshold')) }),
  },
  renumber: { options: { values: [], flags: [] }, parse: () => ({ kind: 'renumber' }) },
  'copy-start': {
    options: { values: ['at', 'dest'], flags: ['shallow'] },
    parse: (args) => ({ kind: 'copy-start', at: requireValue(args, 'at', 'copy-start'), dest: requireValue(args, 'dest', 'copy-start'), shallow: hasFlag(args, 'shallow') }),
  },
  'commit-start': {
    options: { values: ['top', 'base'], flags: [] },
    parse: (args) => ({ kind: 'commit-start', top: requireValue(args, 'top', 'commit-start'), base: requireValue(args, 'base', 'commit-start') }),
  },
  'job-end': {
    options: { values: ['disk'], flags: ['pivot', 'cancel', 'keep-overlay'] },
    parse: (args) => ({ kind: 'job-end', disk: requireValue(args, 'disk', 'job-end'), end: jobEnd(args) }),
  },
  // The core takes an address where the graph sends a uid (src/core/ops/rebase.ts).
  rebase: {
    options: { values: ['at', 'onto'], flags: [] },
    parse: (args) => ({ kind: 'rebase', uid: requireValue(args, 'at', 'rebase'), onto: requireValue(args, 'onto', 'rebase') }),
  },
};

function jobEnd(args: ParsedArgs): JobEnd {
  const ends = (['pivot', 'cancel', 'keep-overlay'] as const).filter((f) => hasFlag(args, f));
  if (ends.length !== 1) throw new UsageError('job-end needs exactly one of --pivot, --cancel, --keep-overlay.');
  return ends[0]!;
}

export function findOperation(name: string): Operation | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? OPERATIONS[name as BlockKind] : undefined;
}

/** `--at A --file F --at B`: each --file belongs to the --at right before it. */
function snapshotTargets(args: ParsedArgs): { at: string; file?: string }[] {
  const targets: { at: string; file?: string }[] = [];
  for (const o of args.options) {
    if (o.name === 'at') targets.push({ at: o.value! });
    else if (o.name === 'file') {
      const last = targets[targets.length - 1];
      if (last === undefined) throw new UsageError('snapshot: --file must follow the --at it belongs to.');
      if (last.file !== undefined) throw new UsageError(`snapshot: --at ${last.at} has two --file options.`);
      last.file = o.value!;
    }
  }
  if (targets.length === 0) throw new UsageError('snapshot needs at least one --at.');
  return targets;
}

function integer(text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--value must be a whole number, not '${text}'.`);
  return Number(text);
}
