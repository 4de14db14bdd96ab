/**
 * The QMP half of the conformance suite: the same scenario replayed on a bare
 * QEMU from the QMP lines Strata prints (the topology export, then each
 * step's commands), whose final node graph must equal the one libvirt's own
 * QEMU ended with (query-named-block-nodes and x-debug-query-block-graph,
 * read through `virsh qemu-monitor-command`): the two command sets must
 * build the same chain.
 */
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exportQmp } from '../../../src/core/export/qmp';
import type { BlockGraph, GraphNode } from '../../helpers/qmp';
import { graphLines, qemuGraph, runQmp, startQemu } from '../../helpers/qmp';
import type { Run } from './runner';
import { shAsNobody } from './session';
import type { VirshSession } from './session';

const libvirtNode = (name: string): boolean => name.startsWith('libvirt-');

async function monitor<T>(session: VirshSession, name: string, command: string, args?: object): Promise<T> {
  const json = JSON.stringify(args ? { execute: command, arguments: args } : { execute: command });
  const out = await session.must(`qemu-monitor-command ${name} '${json}'`);
  return (JSON.parse(out.trim()) as { return: T }).return;
}

/** libvirt's QEMU's graph in the form of graphLines, libvirt's nodes only. */
export async function libvirtGraph(session: VirshSession, name: string): Promise<string[]> {
  const nodes = await monitor<GraphNode[]>(session, name, 'query-named-block-nodes', { flat: true });
  const g = await monitor<BlockGraph>(session, name, 'x-debug-query-block-graph');
  return graphLines(nodes, g, false, libvirtNode);
}

/** Replays the run on a bare QEMU (after libvirt's domain is gone), with fresh images; returns its graph. */
export async function replayOnQemu(run: Run): Promise<string[]> {
  // Fresh images at the same paths: keep the images script and the files behind loop devices.
  for (const f of readdirSync(run.dir)) if (f !== 'images.sh' && !f.endsWith('.loop')) rmSync(join(run.dir, f), { recursive: true, force: true });
  const made = shAsNobody('sh images.sh', run.dir);
  if (!made.ok) throw new Error(`images again: ${made.err}`);
  const procs: ChildProcess[] = [];
  try {
    const qmp = await startQemu(join(run.dir, 'qmp.sock'), procs);
    await runQmp(qmp, exportQmp(run.startDoc));
    const carry = { job: null as string | null };
    for (let i = 0; i < run.steps.length; i++) {
      const hc = run.commands[i]!;
      const req = run.steps[i]!;
      if (hc.prepare.length > 0) {
        const r = spawnSync('sh', ['-c', ['set -eu', ...hc.prepare].join('\n')], { cwd: run.dir, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`step ${i + 1} (${req.kind}): the sh lines Strata printed for QMP failed:\n${hc.prepare.join('\n')}\n${r.stderr}`);
      }
      try {
        await runQmp(qmp, hc.qmp, carry, req.kind === 'copy-start' || req.kind === 'commit-start');
      } catch (e) {
        throw new Error(`step ${i + 1} (${req.kind}): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return await qemuGraph(qmp);
  } finally {
    for (const p of procs) p.kill('SIGKILL');
  }
}
