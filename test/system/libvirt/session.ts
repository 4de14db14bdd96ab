/**
 * Real libvirt for tests (domain.md §7): libvirt's own QEMU driver inside one
 * `virsh -c qemu:///embed?root=DIR` process, no daemon. A domain lives only
 * as long as that process, so a scenario is one interactive session: each
 * command is written to virsh's standard input and its output is read back
 * up to an `echo` marker (on stdout and, with `--err`, on stderr), so every
 * command's own output and error text are known.
 *
 * As root, the Debian build wants the `libvirt-qemu` user; instead virsh
 * runs as `nobody` with `stdio_handler = "file"` (no virtlogd). Sessions on
 * one root are serialised with flock: the root keeps QEMU's capabilities
 * cache between runs (the first start builds it, about 4 s).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VIRSH = '/usr/bin/virsh';
const QEMU = '/usr/bin/qemu-system-x86_64';
const QEMU_IMG = '/usr/bin/qemu-img';
const DRIVER = '/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so';
const STORAGE = '/usr/lib/x86_64-linux-gnu/libvirt/storage-file/libvirt_storage_file_fs.so';

/** Why real libvirt cannot run here (what to install), or null when it can. */
export function libvirtMissing(): string | null {
  const need: [string, string][] = [
    [VIRSH, 'libvirt-clients'],
    [DRIVER, 'libvirt-daemon-driver-qemu'],
    [STORAGE, 'libvirt-daemon'],
    [QEMU, 'qemu-system-x86'],
    [QEMU_IMG, 'qemu-utils'],
    ['/usr/bin/setpriv', 'util-linux'],
    ['/usr/bin/flock', 'util-linux'],
  ];
  const missing = need.filter(([p]) => !existsSync(p));
  if (missing.length > 0) return `not installed: ${missing.map(([p, pkg]) => `${p} (${pkg})`).join(', ')}; scripts/system-deps.sh installs them as root`;
  if (process.getuid?.() !== 0) return 'needs root (virsh runs as nobody through setpriv)';
  return null;
}

export const NOBODY = { uid: 65534, gid: 65534 };

/** A directory (and its parents under the temp dir) that `nobody` owns. */
export function nobodyDir(path: string): string {
  mkdirSync(path, { recursive: true });
  chownSync(path, NOBODY.uid, NOBODY.gid);
  chmodSync(path, 0o755);
  return path;
}

/** The shared embed root: kept between runs for QEMU's capabilities cache. */
export function embedRoot(): string {
  const base = nobodyDir(join(tmpdir(), 'strata-libvirt'));
  const root = nobodyDir(join(base, 'root'));
  const etc = nobodyDir(join(root, 'etc'));
  const conf = join(etc, 'qemu.conf');
  if (!existsSync(conf)) {
    writeFileSync(conf, 'stdio_handler = "file"\n');
    chownSync(conf, NOBODY.uid, NOBODY.gid);
  }
  return base;
}

const asNobody = (home: string): string[] => ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', 'env', `HOME=${home}`];

/** Runs a POSIX sh script as nobody in `cwd` (what a user pastes that is not a virsh line). */
export function shAsNobody(script: string, cwd: string): { ok: boolean; out: string; err: string } {
  const r = spawnSync(asNobody(cwd)[0]!, [...asNobody(cwd).slice(1), 'sh', '-c', script], { cwd, encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr };
}

export interface Reply {
  readonly command: string;
  readonly out: string;
  /** virsh's error text (its `error: …` lines), empty when the command succeeded. */
  readonly err: string;
  readonly ok: boolean;
}

/** A failed command: says which command and what libvirt answered. */
export class VirshError extends Error {
  override readonly name = 'VirshError';
}

export class VirshSession {
  private out = '';
  private err = '';
  private n = 0;
  private exited: string | null = null;
  private wake: () => void = () => {};
  /** Every command and its reply, for the failure message. */
  readonly log: Reply[] = [];

  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (s: string) => {
      this.out += s;
      this.wake();
    });
    proc.stderr.on('data', (s: string) => {
      this.err += s;
      this.wake();
    });
    proc.on('exit', (code, signal) => {
      this.exited = `virsh exited (${signal ?? code})`;
      this.wake();
    });
  }

  /** Opens a session on the shared root; `cwd` is where relative paths in commands resolve (the scenario's directory). */
  static open(cwd: string): VirshSession {
    const base = embedRoot();
    // stdbuf: virsh's stdout is a pipe here, and block-buffered output would never reach the marker.
    const args = [join(base, '.lock'), ...asNobody(base), 'stdbuf', '-o0', '-e0', VIRSH, '-q', '-c', `qemu:///embed?root=${join(base, 'root')}`];
    writeFileSync(join(base, '.lock'), '');
    return new VirshSession(spawn('flock', args, { cwd, stdio: 'pipe' }));
  }

  private async until(f: () => boolean, what: string, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!f()) {
      if (this.exited) throw new VirshError(`${this.exited} while waiting for ${what}\n${this.err}`);
      if (Date.now() > end) throw new VirshError(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise<void>((r) => {
        this.wake = r;
        setTimeout(r, 50);
      });
    }
  }

  /** Runs one virsh command line (without the leading `virsh`); never throws for libvirt's own errors. */
  async run(command: string, ms = 60_000): Promise<Reply> {
    if (/[\n\r]/.test(command)) throw new VirshError(`one command per line: ${JSON.stringify(command)}`);
    const mark = `__strata_${++this.n}__`;
    this.proc.stdin.write(`${command}\necho ${mark}\necho --err ${mark}\n`);
    // Without a terminal virsh echoes each line after its prompt (`virsh # echo MARK`) and
    // prints echo's output with no newline; `echo --err` writes `error: MARK` to stderr.
    const outMark = `virsh # echo ${mark}\n${mark}`;
    const errMark = `error: ${mark}\n`;
    await this.until(() => this.out.includes(outMark) && this.err.includes(errMark), command, ms);
    const take = (s: string, m: string): [string, string] => {
      const i = s.indexOf(m);
      return [s.slice(0, i), s.slice(i + m.length)];
    };
    let out: string;
    let err: string;
    [out, this.out] = take(this.out, outMark);
    [err, this.err] = take(this.err, errMark);
    // Without a terminal virsh echoes each line it reads after its prompt.
    out = out
      .split('\n')
      .filter((l) => !l.startsWith('virsh # '))
      .join('\n');
    err = err.trim();
    const reply: Reply = { command, out, err, ok: !/^error:/m.test(err) };
    this.log.push(reply);
    return reply;
  }

  /** Runs a command that must succeed. */
  async must(command: string, ms?: number): Promise<string> {
    const r = await this.run(command, ms);
    if (!r.ok) throw new VirshError(`virsh ${command}\nlibvirt said: ${r.err}`);
    return r.out;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.proc.stdin.end('quit\n');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.until(() => this.exited !== null, 'virsh to quit', 15_000).catch(() => {});
    clearTimeout(t);
  }
}
