/**
 * `op` operations: each names its options and turns the parsed arguments
 * into one call of src/core/ops. Only argument shapes live here; what the
 * operation means is decided in core.
 */
import type { DomainDoc } from '../../core/model/types';
import type { OpResult } from '../../core/ops/types';
import * as ops from '../../core/ops';
import type { OptionSpec, ParsedArgs } from '../args';
import { hasFlag, optionValue, requireValue, UsageError } from '../args';

export interface Operation {
  readonly options: OptionSpec;
  readonly apply: (doc: DomainDoc, args: ParsedArgs) => OpResult;
}

const none: OptionSpec = { values: [], flags: [] };

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  snapshot: {
    options: { values: ['at', 'file'], flags: [], repeatable: ['at', 'file'] },
    apply: (doc, args) => ops.snapshot(doc, snapshotTargets(args)),
  },
  commit: {
    options: { values: ['top', 'base'], flags: ['keep-overlay'] },
    apply: (doc, args) =>
      ops.commit(doc, {
        top: requireValue(args, 'top', 'commit'),
        base: requireValue(args, 'base', 'commit'),
        keepOverlay: hasFlag(args, 'keep-overlay'),
      }),
  },
  pull: {
    options: { values: ['top', 'base'], flags: [] },
    apply: (doc, args) => {
      const base = optionValue(args, 'base');
      return ops.pull(doc, { top: requireValue(args, 'top', 'pull'), ...(base === null ? {} : { base }) });
    },
  },
  copy: {
    options: { values: ['at', 'dest'], flags: ['shallow', 'cancel'] },
    apply: (doc, args) =>
      ops.copy(doc, {
        at: requireValue(args, 'at', 'copy'),
        dest: requireValue(args, 'dest', 'copy'),
        shallow: hasFlag(args, 'shallow'),
        cancel: hasFlag(args, 'cancel'),
      }),
  },
  'quorum-add': {
    options: { values: ['at', 'file'], flags: [] },
    apply: (doc, args) => ops.quorumAdd(doc, { at: requireValue(args, 'at', 'quorum-add'), file: requireValue(args, 'file', 'quorum-add') }),
  },
  'quorum-remove': {
    options: { values: ['at'], flags: [] },
    apply: (doc, args) => ops.quorumRemove(doc, { at: requireValue(args, 'at', 'quorum-remove') }),
  },
  threshold: {
    options: { values: ['at', 'value'], flags: [] },
    apply: (doc, args) => ops.setThreshold(doc, { at: requireValue(args, 'at', 'threshold'), value: integer(requireValue(args, 'value', 'threshold')) }),
  },
  renumber: { options: none, apply: (doc) => ops.renumber(doc) },
};

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
