/**
 * The commands that do on a real host what an operation did to the document
 * (domain.md §6): virsh lines with libvirt addresses (`vda[N]`) and QMP
 * commands with QEMU node-names (`libvirt-N-format`). `before` is the
 * document the request was applied to and `after` the result, so new nodes
 * are named with the ids the operation gave them.
 */
import type { DomainDoc } from '../model/types';
import type { BlockKind, OpRequest, RequestOf } from '../ops/request';
import { isBlockKind } from '../ops/request';
import { makeCtx } from './context';
import { commitStartCommands, copyStartCommands, jobEndCommands } from './twoPhase';
import { backupCommands, copyCommands } from './copy';
import { commitCommands, pullCommands } from './jobs';
import { quorumAddCommands, quorumRemoveCommands, thresholdCommands } from './quorum';
import { rebaseCommands } from './rebase';
import { snapshotCommands } from './snapshot';
import type { HostCommands } from './types';

export type { HostCommands, QmpCommand } from './types';

type BlockRequest = RequestOf<BlockKind>;
export { formatHostCommands } from './format';

/**
 * The commands of a block operation on a running guest. `after` must be the
 * result of applying `req` to `before` (a refused request has no commands).
 * For an offline document use the registry's commandsOf, which first starts
 * the guest in thought (operations/registry.ts).
 */
export function hostCommands(before: DomainDoc, req: OpRequest, after: DomainDoc): HostCommands {
  if (!isBlockKind(req.kind)) throw new Error(`internal: ${req.kind} edits the document only; it has no host commands`);
  return commandsOf(before, req as BlockRequest, after);
}

function commandsOf(before: DomainDoc, req: BlockRequest, after: DomainDoc): HostCommands {
  const ctx = makeCtx(before, after);
  switch (req.kind) {
    case 'snapshot':
      return snapshotCommands(ctx, req.targets);
    case 'commit':
      return commitCommands(ctx, req);
    case 'pull':
      return pullCommands(ctx, req);
    case 'copy':
      return copyCommands(ctx, req);
    case 'backup':
      return backupCommands(ctx, req);
    case 'quorum-add':
      return quorumAddCommands(ctx, req);
    case 'quorum-remove':
      return quorumRemoveCommands(ctx, req);
    case 'threshold':
      return thresholdCommands(ctx, req);
    case 'renumber':
      return {
        virsh: ['# renumber is offline only: there is nothing to run on a host; libvirt numbers the nodes itself when the guest starts.'],
        qmp: [],
        prepare: [],
        notes: ['Renumbering happens only while the guest is offline, so there is no QMP command: a running QEMU never reuses node names.'],
      };
    case 'copy-start':
      return copyStartCommands(ctx, req);
    case 'commit-start':
      return commitStartCommands(ctx, req);
    case 'job-end':
      return jobEndCommands(ctx, req);
    case 'rebase':
      return rebaseCommands(ctx, req);
  }
}
