/**
 * The commands that do on a real host what an operation did to the document
 * (domain.md §6): virsh lines with libvirt addresses (`vda[N]`) and QMP
 * commands with QEMU node-names (`libvirt-N-format`). `before` is the
 * document the request was applied to and `after` the result, so new nodes
 * are named with the ids the operation gave them.
 */
import type { DomainDoc } from '../model/types';
import type { OpRequest } from '../ops/request';
import { DOMAIN_PLACEHOLDER, domainName, makeCtx } from './context';
import { applyRequest } from '../ops/request';
import { shWord } from '../export/shell';
import { commitStartCommands, copyStartCommands, jobEndCommands } from './twoPhase';
import { backupCommands, copyCommands } from './copy';
import { commitCommands, pullCommands } from './jobs';
import { quorumAddCommands, quorumRemoveCommands, thresholdCommands } from './quorum';
import { snapshotCommands } from './snapshot';
import type { HostCommands } from './types';

export type { HostCommands, QmpCommand } from './types';
export { formatHostCommands } from './format';

/**
 * `after` must be the result of applying `req` to `before` (a refused request
 * has no commands). Commands run on a host whose guest runs: for an offline
 * document they are those of the same operation on the guest once started,
 * whose nodes carry the ids libvirt gives at start (the ids the offline
 * document shows), so new nodes take ids from the counter after them.
 */
export function hostCommands(before: DomainDoc, req: OpRequest, after: DomainDoc): HostCommands {
  if (before.state === 'running' || req.kind === 'renumber') return commandsOf(before, req, after);
  const live: DomainDoc = { ...before, state: 'running' };
  const result = applyRequest(live, req);
  const start = `# The guest is offline: start it first (virsh start ${shWord(domainName(before) ?? DOMAIN_PLACEHOLDER)}); libvirt then gives the nodes the ids shown.`;
  if (!result.ok) return { virsh: [start, `# Once it runs: ${result.reason}`], qmp: [], prepare: [], notes: [result.reason] };
  const hc = commandsOf(live, req, result.doc);
  return { ...hc, virsh: [start, ...hc.virsh], notes: [...hc.notes, 'These commands are for the guest once it runs; offline, the ids shown are what libvirt will assign at start.'] };
}

function commandsOf(before: DomainDoc, req: OpRequest, after: DomainDoc): HostCommands {
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
  }
}
