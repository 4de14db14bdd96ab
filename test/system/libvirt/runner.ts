/**
 * Runs one conformance scenario on real libvirt (domain.md §7): the images
 * from Strata's own `export qemu-img` script, the drafted domain started
 * (`create`, or `define` + `start` as for a persistent domain), the ids
 * Strata showed offline checked against the `index` values libvirt gave,
 * then each operation's virsh lines run verbatim and libvirt's dumpxml
 * compared with Strata's predicted document. Every failure names the
 * scenario, the step and the command, with libvirt's own error text.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostCommands } from '../../../src/core/commands';
import type { HostCommands } from '../../../src/core/commands';
import { derive } from '../../../src/core/numbers/derive';
import { toText } from '../../../src/core/io/document';
import { exportQemuImg } from '../../../src/core/export/qemuImg';
import type { DomainDoc } from '../../../src/core/model/types';
import type { OpRequest } from '../../../src/core/ops/request';
import { validate } from '../../../src/core/validate';
import { applyOk, load } from '../../helpers/load';
import { domainXml } from './domain';
import type { Layer } from './domain';
import { facts, readLive } from './facts';
import type { Scenario } from './scenarios';
import { NOBODY, nobodyDir, shAsNobody, VirshError, VirshSession } from './session';

export type StartMode = 'create' | 'define';

export interface Run {
  readonly dir: string;
  readonly name: string;
  /** The drafted document as Strata read it (offline). */
  readonly draft: DomainDoc;
  /** The document at start, then after each step, as Strata predicted it. */
  readonly predicted: DomainDoc[];
  /** libvirt's document at start, then after each step. */
  readonly live: DomainDoc[];
  /** The commands of each step, and the steps. */
  readonly commands: HostCommands[];
  readonly steps: OpRequest[];
  /** The running document a bare QEMU builds from (the live XML when a chain was left open). */
  readonly startDoc: DomainDoc;
}

/** A loop device over `file` (created sparse), owned by nobody; detached by `cleanup`. */
function loopDevice(file: string, cleanup: (() => void)[]): string {
  writeFileSync(file, '');
  spawnSync('truncate', ['-s', '64M', file]);
  const r = spawnSync('losetup', ['-f', '--show', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`losetup failed (block layers need loop devices): ${r.stderr}`);
  const dev = r.stdout.trim();
  chownSync(dev, NOBODY.uid, NOBODY.gid);
  cleanup.push(() => spawnSync('losetup', ['-d', dev]));
  return dev;
}

/** Runs what Strata printed for virsh: `virsh …` lines in the session, other lines (a here-document) in sh, comments skipped. */
async function runLines(session: VirshSession, lines: readonly string[], dir: string, where: string): Promise<void> {
  let sh: string[] = [];
  let heredoc: string | null = null;
  const flush = (): void => {
    if (sh.length === 0) return;
    const r = shAsNobody(sh.join('\n'), dir);
    if (!r.ok) throw new VirshError(`${where}: the sh lines Strata printed failed:\n${sh.join('\n')}\n${r.err}`);
    sh = [];
  };
  for (const line of lines) {
    if (heredoc !== null) {
      sh.push(line);
      if (line === heredoc) heredoc = null;
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.startsWith('virsh ')) {
      flush();
      const r = await session.run(line.slice('virsh '.length));
      if (!r.ok) throw new VirshError(`${where}: the virsh line Strata printed failed:\n  ${line}\nlibvirt said: ${r.err}`);
      continue;
    }
    const hd = /<<'?([A-Za-z_]+)'?\s*$/.exec(line);
    if (hd) heredoc = hd[1]!;
    sh.push(line);
  }
  flush();
}

/** A backup runs in the background: wait until libvirt has no job on the domain. */
async function waitNoJob(session: VirshSession, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const info = await session.must(`domjobinfo ${name}`);
    if (/Job type:\s+None/.test(info)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new VirshError(`the job on ${name} did not end within 30 s`);
}

async function dump(session: VirshSession, name: string): Promise<DomainDoc> {
  return readLive(await session.must(`dumpxml ${name}`));
}

export interface Checks {
  /** Called with (what Strata predicted, what libvirt shows, where) after start and after each step. */
  readonly compare: (predicted: DomainDoc, live: DomainDoc, where: string) => void;
  /** Called at start with Strata's offline draft and libvirt's live document. */
  readonly atStart: (draft: DomainDoc, live: DomainDoc) => void;
}

export interface Running {
  readonly run: Run;
  /** The session, still open: the domain still runs (for the caller's QMP queries). */
  readonly session: VirshSession;
  /** Destroys (and undefines) the domain and closes the session. */
  readonly stop: () => Promise<void>;
  /** Detaches the loop devices (after stop, and after any replay that uses them). */
  readonly detach: () => void;
}

export async function runScenario(sc: Scenario, mode: StartMode, runDir: string, checks: Checks): Promise<Running> {
  const dir = nobodyDir(runDir);
  const cleanups: (() => void)[] = [];
  const devices = new Map<string, string>();
  const path = (l: Layer): string => {
    if (!l.block) return join(dir, l.file);
    if (!devices.has(l.file)) devices.set(l.file, loopDevice(join(dir, l.file), cleanups));
    return devices.get(l.file)!;
  };
  const name = `strata-${sc.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-${mode}`;
  // The images, from Strata's own script (the whole real chain, also what a draft leaves open).
  const full = load(domainXml(name, sc.disks, path, true), 'the full chain');
  writeFileSync(join(dir, 'images.sh'), exportQemuImg(full));
  const made = shAsNobody('sh images.sh', dir);
  if (!made.ok) throw new Error(`${sc.name}: Strata's qemu-img script failed:\n${made.err}`);
  // The draft as Strata writes it: what a user pastes into the host.
  const draft = load(toText(load(domainXml(name, sc.disks, path), 'the draft')), 'the draft as written');
  writeFileSync(join(dir, 'dom.xml'), toText(draft));
  chownSync(join(dir, 'dom.xml'), NOBODY.uid, NOBODY.gid);

  const session = VirshSession.open(dir);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await session.run(`destroy ${name}`);
    if (mode === 'define') await session.run(`undefine ${name}`);
    await session.close();
  };
  const detach = (): void => {
    for (const c of cleanups.reverse()) c();
    cleanups.length = 0;
  };
  try {
    // A run that crashed may have left its domain behind (the embed driver keeps QEMU running between sessions).
    await session.run(`destroy ${name}`);
    await session.run(`undefine ${name}`);
    if (mode === 'create') await session.must('create dom.xml');
    else {
      await session.must('define dom.xml');
      await session.must(`start ${name}`);
    }
    const live0 = await dump(session, name);
    checks.atStart(draft, live0);
    // Strata's running document: the draft's ids are what libvirt gives at start; with a chain left open the user
    // reads the live XML (Strata says its counter is provisional until then).
    const open = derive(draft).disks.some((d) => d.counterProvisional);
    let doc: DomainDoc = open ? live0 : { ...draft, state: 'running' };
    const startDoc = doc;
    checks.compare(doc, live0, `${sc.name} (${mode}), at start`);
    const predicted: DomainDoc[] = [doc];
    const live: DomainDoc[] = [live0];
    const commands: HostCommands[] = [];
    const reqs: OpRequest[] = [];
    const img = (f: string): string => join(dir, f);
    for (let i = 0; i < sc.steps.length; i++) {
      const req: OpRequest = sc.steps[i]!(img);
      reqs.push(req);
      const where = `${sc.name} (${mode}), step ${i + 1} (${req.kind})`;
      const r = applyOk(doc, req, `${where}: Strata`);
      const hc = hostCommands(doc, req, r.doc);
      commands.push(hc);
      await runLines(session, hc.virsh, dir, where);
      if (req.kind === 'backup') await waitNoJob(session, name);
      const now = await dump(session, name);
      checks.compare(r.doc, now, where);
      // What Strata wrote must carry everything it needs for the next step (the counter above all).
      doc = load(toText(r.doc), `${where}: Strata's own output`);
      predicted.push(doc);
      live.push(now);
    }
    return { run: { dir, name, draft, predicted, live, commands, startDoc, steps: reqs }, session, stop, detach };
  } catch (e) {
    await stop().catch(() => {});
    detach();
    throw e;
  }
}

/** Strata's diagnostics on a draft: the suite checks that an open chain is said to make the counter provisional. */
export function provisionalSaid(draft: DomainDoc): boolean {
  return validate(draft).some((d) => d.code === 'ids-provisional');
}

export { facts };
