/**
 * The CLI as a user runs it: a child process (`npx tsx src/cli/main.ts`),
 * checked on exit codes, stdout and stderr. Each spawn costs about a second
 * (npx + tsx start-up), so each command is covered once, not exhaustively;
 * what the operations do is tested in core.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strataProcess as strata } from '../helpers/cli';
import type { CliRun as Run } from '../helpers/cli';
import { GOLDEN_DIR, goldenFile } from '../helpers/golden';

const fixture = (name: string): string => join(GOLDEN_DIR, name, 'input.xml');
const text = (name: string, file: string): string => {
  const t = goldenFile(name, file);
  if (t === null) throw new Error(`missing golden file ${name}/${file}`);
  return t;
};
const json = (r: Run) => JSON.parse(r.stdout) as { disks: { counter: number; nodes: { id: number | null; source: string | null }[] }[] };

const T = { timeout: 60_000 };

describe('strata CLI', () => {
  it('--help prints the usage and exits 0; no command is a usage error (2)', T, () => {
    const help = strata(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: strata');
    expect(help.stdout).toContain('quorum-add --at ADDR --file PATH');
    expect(help.stdout).toContain('export qemu-img FILE [--size SIZE]');
    expect(help.stdout).toContain('# QMP: one command per line');
    const none = strata([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: strata');
  });

  it('inspect FILE --json prints the inspect JSON', T, () => {
    const r = strata(['inspect', fixture('mail-quorum-running'), '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(text('mail-quorum-running', 'inspect.json')));
  });

  it('inspect - reads stdin', T, () => {
    const r = strata(['inspect', '-', '--json'], text('libvirt-multi-disk', 'input.xml'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(text('libvirt-multi-disk', 'inspect.json')));
  });

  it('convert --to proposal prints the converted XML', T, () => {
    const r = strata(['convert', fixture('mail-chain-libvirt'), '--to', 'proposal']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text('mail-chain-libvirt', 'output.proposal.xml'));
  });

  it('convert of a quorum to libvirt is refused: exit 1, the reason on stderr, nothing on stdout', T, () => {
    const r = strata(['convert', fixture('mail-quorum-running'), '--to', 'libvirt']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('quorum');
    expect(r.stderr.trim()).toBe(text('mail-quorum-running', 'output.libvirt.refused.txt').trim());
  });

  it('validate prints FILE:LINE:COL: SEVERITY: CODE: message and exits 1 on an error', T, () => {
    const file = fixture('libvirt-problems');
    const r = strata(['validate', file]);
    expect(r.status).toBe(1);
    const expected = (JSON.parse(text('libvirt-problems', 'inspect.json')) as { diagnostics: Record<string, string | number>[] }).diagnostics.map(
      (d) => `${file}:${d.line}:${d.col}: ${d.severity}: ${d.code}: ${d.message}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual(expected);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^.+:\d+:\d+: (error|warning|info): [a-z-]+: .+$/);
  });

  it('validate of a clean document prints nothing and exits 0', T, () => {
    const r = strata(['validate', fixture('mail-chain-libvirt')]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('malformed XML on stdin: exit 1, <stdin>:LINE:COL: error: xml-malformed on stdout (validate prints every finding there)', T, () => {
    const r = strata(['validate', '-'], "<disk type='file'>\n  <source file='/a'>\n</disk>\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<stdin>:\d+:\d+: error: xml-malformed: .+/);
  });

  it('an unreadable file: exit 1, FILE:1:1: error: xml-malformed on stderr', T, () => {
    const r = strata(['inspect', '/nonexistent/strata.xml', '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\/nonexistent\/strata\.xml:1:1: error: xml-malformed: cannot read/);
  });

  it('a bad option is a usage error: exit 2', T, () => {
    const r = strata(['op', fixture('mail-quorum-running'), 'threshold', '--at', 'hda', '--value', 'two']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--value must be a whole number');
  });
});

describe('strata op', () => {
  const chain = fixture('mail-chain-libvirt');
  const ids = (r: Run, disk = 0) => json(r).disks[disk]!.nodes.map((n) => n.id);

  it('snapshot prints the new XML; the overlay takes the next id', T, () => {
    const r = strata(['op', chain, 'snapshot', '--at', 'vda', '--file', '/var/lib/libvirt/images/snap.qcow2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("<source file='/var/lib/libvirt/images/snap.qcow2'/>");
    expect(r.stdout.indexOf('snap.qcow2')).toBeLessThan(r.stdout.indexOf('top.qcow2'));
  });

  it('snapshot with several --at is one transaction; each --file pairs with the --at before it', T, () => {
    const r = strata(['op', fixture('mail-quorum-running'), 'snapshot', '--at', 'hda[1]', '--file', '/path/to/a.snap', '--at', 'hda[4]', '--json']);
    expect(r.status).toBe(0);
    const nodes = json(r).disks[0]!.nodes;
    expect(nodes.map((n) => n.id)).toEqual([4, 5, 0, 2, 1, 6, 3]);
    expect(nodes[1]!.source).toBe('/path/to/a.snap');
    expect(json(r).disks[0]!.counter).toBe(7);
  });

  it('commit --top --base removes the layers in between; offline the ids are what libvirt gives at start', T, () => {
    expect(ids(strata(['op', chain, 'commit', '--top', 'vda[2]', '--base', 'vda[3]', '--json']))).toEqual([1, 2]);
  });

  it('commit --keep-overlay of the active layer leaves the chain as it was', T, () => {
    expect(ids(strata(['op', chain, 'commit', '--top', 'vda', '--base', 'vda[3]', '--keep-overlay', '--json']))).toEqual([1, 2, 3]);
  });

  it('pull --top --base keeps the chain from base down', T, () => {
    expect(ids(strata(['op', chain, 'pull', '--top', 'vda', '--base', 'vda[3]', '--json']))).toEqual([1, 2]);
  });

  it('copy --shallow pivots to the copy, which keeps the backing chain (offline: numbered as at start)', T, () => {
    expect(ids(strata(['op', chain, 'copy', '--at', 'vda', '--dest', '/var/lib/libvirt/images/copy.qcow2', '--shallow', '--json']))).toEqual([1, 2, 3]);
  });

  it('quorum-add, quorum-remove and threshold change the quorum', T, () => {
    const q = fixture('mail-quorum-running');
    const added = strata(['op', q, 'quorum-add', '--at', 'hda', '--file', '/path/to/e', '--json']);
    expect(added.status).toBe(0);
    expect(json(added).disks[0]!.nodes.map((n) => n.source).at(-1)).toBe('/path/to/e');
    expect(ids(strata(['op', q, 'quorum-remove', '--at', 'hda[4]', '--json']))).toEqual([4, 0, 2, 1]);
    const t = strata(['op', q, 'threshold', '--at', 'hda', '--value', '3']);
    expect(t.stdout).toContain("threshold='3'");
  });

  it('renumber of a running document is refused: exit 1, reason on stderr, empty stdout', T, () => {
    const r = strata(['op', fixture('mail-quorum-running'), 'renumber']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/running/);
  });

  it('--to proposal writes the result in the other dialect', T, () => {
    const r = strata(['op', '-', 'backup', '--at', 'vda', '--dest', '/backup/vda.qcow2', '--to', 'proposal'], text('mail-chain-libvirt', 'input.xml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text('mail-chain-libvirt', 'output.proposal.xml'));
  });
});

describe('strata op --commands and strata export', () => {
  const chain = fixture('mail-chain-libvirt');

  it('op --commands prints the virsh line, then the QMP commands one per line, instead of XML', T, () => {
    const r = strata(['op', chain, 'commit', '--top', 'vda[2]', '--base', 'vda[3]', '--commands']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# virsh',
      '# The guest is offline: start it first (virsh start DOMAIN); libvirt then gives the nodes the ids shown.',
      "# DOMAIN: put your domain's name here (virsh needs it first; a bare <disk> document does not name one).",
      "virsh blockcommit DOMAIN vda --top 'vda[2]' --base 'vda[3]' --wait",
      '# QMP: one command per line',
    ]);
    const qmp = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { execute: string });
    expect(qmp.map((c) => c.execute)).toEqual(['blockdev-reopen', 'block-commit', 'blockdev-reopen', 'blockdev-del', 'blockdev-del']);
    for (const l of lines) expect(l.startsWith('#') || l.startsWith('{') || l.startsWith('virsh ')).toBe(true);
  });

  it('op backup leaves the document as it was; --commands with --json is a usage error', T, () => {
    const r = strata(['op', chain, 'backup', '--at', 'vda', '--dest', '/backup/vda.qcow2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(text('mail-chain-libvirt', 'output.xml'));
    const bad = strata(['op', chain, 'backup', '--at', 'vda', '--dest', '/backup/vda.qcow2', '--commands', '--json']);
    expect([bad.status, bad.stdout]).toEqual([2, '']);
  });

  it('export qmp prints a JSON array of {execute, arguments}: the blockdev-add sequence', T, () => {
    const r = strata(['export', 'qmp', fixture('mail-quorum-running')]);
    expect(r.status).toBe(0);
    const cmds = JSON.parse(r.stdout) as { execute: string; arguments: Record<string, unknown> }[];
    expect(cmds.map((c) => c.execute)).toEqual(Array(9).fill('blockdev-add'));
    expect(cmds.at(-1)!.arguments).toEqual({ driver: 'quorum', 'node-name': 'libvirt-4-format', 'vote-threshold': 2, children: ['libvirt-0-format', 'libvirt-2-format', 'libvirt-3-format'] });
  });

  it('export qemu-img prints the sh script; --size sets the base size; a bad format is a usage error', T, () => {
    const r = strata(['export', 'qemu-img', chain, '--size', '2G']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      '#!/bin/sh',
      '# Creates the image files of the document, backing files first (generated by Strata).',
      'set -eu',
      "mkdir -p -- '/var/lib/libvirt/images'",
      "qemu-img create -f qcow2 -- '/var/lib/libvirt/images/base.qcow2' 2G",
    ]);
    expect(strata(['export', 'yaml', chain]).status).toBe(2);
  });
});
