/**
 * A minimal QMP client for the real-QEMU tests: line-delimited JSON over a
 * unix socket, replies in order, events kept for job waits; and a bare
 * `qemu-system-x86_64 -machine none` to talk to.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { QmpCommand } from '../../src/core/commands';

export const QEMU = '/usr/bin/qemu-system-x86_64';
export const QEMU_IMG = '/usr/bin/qemu-img';

type Msg = Record<string, unknown> & { event?: string; data?: { id?: string; status?: string }; return?: unknown; error?: { desc: string } };

/** A minimal QMP client: line-delimited JSON; replies in order; events kept for job waits. */
export class Qmp {
  private buf = '';
  private readonly replies: Msg[] = [];
  private readonly events: Msg[] = [];
  private wake: () => void = () => {};
  constructor(private readonly sock: Socket) {
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      this.buf += chunk;
      for (let i = this.buf.indexOf('\n'); i >= 0; i = this.buf.indexOf('\n')) {
        const m = JSON.parse(this.buf.slice(0, i)) as Msg;
        this.buf = this.buf.slice(i + 1);
        if (m.event !== undefined) this.events.push(m);
        else if (!('QMP' in m)) this.replies.push(m);
        this.wake();
      }
    });
  }
  private async until<T>(f: () => T | undefined, what: string): Promise<T> {
    const end = Date.now() + 10_000;
    for (;;) {
      const v = f();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`QMP: timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, 100);
      });
    }
  }
  async send(c: QmpCommand): Promise<unknown> {
    this.sock.write(JSON.stringify(c) + '\n');
    const r = await this.until(() => this.replies.shift(), c.execute);
    if (r.error) throw new Error(`${c.execute} ${JSON.stringify(c.arguments)}: ${r.error.desc}`);
    return r.return;
  }
  /** Waits for a job to reach a status (JOB_STATUS_CHANGE); 'null' means it is gone. */
  jobStatus(id: string, status: string): Promise<Msg> {
    return this.until(() => this.events.find((e) => e.event === 'JOB_STATUS_CHANGE' && e.data?.id === id && e.data.status === status), `job ${id} ${status}`);
  }
}


/** Starts a bare QEMU with a QMP socket at `sock` (capabilities negotiated). */
export async function startQemu(sock: string, procs: ChildProcess[]): Promise<Qmp> {
  procs.push(spawn(QEMU, ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', `unix:${sock},server=on,wait=off`], { stdio: 'ignore' }));
  for (let i = 0; !existsSync(sock); i++) {
    if (i > 100) throw new Error('QEMU did not create its QMP socket');
    await new Promise((r) => setTimeout(r, 50));
  }
  const s = connect(sock);
  await new Promise<void>((ok, fail) => s.once('connect', ok).once('error', fail));
  const qmp = new Qmp(s);
  await qmp.send({ execute: 'qmp_capabilities' });
  return qmp;
}

/** The id of the job a command starts, if it starts one. */
function startsJob(c: QmpCommand): string | null {
  const id = c.arguments?.['job-id'];
  return typeof id === 'string' ? id : null;
}

/**
 * Runs generated commands the way their notes say: a job-complete or
 * block-job-cancel waits for its job to be ready; any other command after a
 * job waits for the job to be gone. `job` carries a job left running across
 * calls (a two-phase job's start and end are separate command lists).
 */
export async function runQmp(qmp: Qmp, commands: readonly QmpCommand[], carry: { job: string | null } = { job: null }, leaveRunning = false): Promise<void> {
  for (const c of commands) {
    const ends = c.execute === 'job-complete' || c.execute === 'block-job-cancel';
    if (carry.job !== null && ends) await qmp.jobStatus(carry.job, 'ready');
    else if (carry.job !== null) {
      await qmp.jobStatus(carry.job, 'null');
      carry.job = null;
    }
    await qmp.send(c);
    const id = startsJob(c);
    if (id !== null) carry.job = id;
  }
  if (carry.job === null) return;
  if (leaveRunning) await qmp.jobStatus(carry.job, 'ready');
  else {
    await qmp.jobStatus(carry.job, 'null');
    carry.job = null;
  }
}

export interface GraphNode {
  readonly 'node-name': string;
  readonly drv: string;
  readonly ro: boolean;
  readonly file?: string;
}
export interface BlockGraph {
  readonly nodes: readonly { id: number; name: string; type: string }[];
  readonly edges: readonly { parent: number; child: number; name: string }[];
}

/**
 * QEMU's graph as `name: driver` lines (with ` ro` for read-only nodes when
 * asked) and `parent -edge-> child` lines, sorted; only block-driver nodes,
 * so the guest's devices (libvirt's) and the job filters do not count. Quorum
 * edges are `children`: their numbers are QEMU's attach order.
 */
export function graphLines(nodes: readonly GraphNode[], g: BlockGraph, ro = false, keep: (name: string) => boolean = () => true): string[] {
  const drivers = new Map(g.nodes.filter((n) => n.type === 'block-driver').map((n) => [n.id, n.name]));
  const edges = g.edges
    .filter((e) => drivers.has(e.parent) && drivers.has(e.child) && keep(drivers.get(e.parent)!) && keep(drivers.get(e.child)!))
    .map((e) => `${drivers.get(e.parent)} -${e.name.replace(/^children\.\d+$/, 'children')}-> ${drivers.get(e.child)}`);
  return [...nodes.filter((n) => keep(n['node-name'])).map((n) => `${n['node-name']}: ${n.drv}${ro && n.ro ? ' ro' : ''}`), ...edges].sort();
}

export async function qemuGraph(qmp: Qmp, ro = false): Promise<string[]> {
  const nodes = (await qmp.send({ execute: 'query-named-block-nodes', arguments: { flat: true } })) as GraphNode[];
  const g = (await qmp.send({ execute: 'x-debug-query-block-graph' })) as BlockGraph;
  return graphLines(nodes, g, ro);
}
