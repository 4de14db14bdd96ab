/**
 * The two virsh tables about a guest's disks:
 * - `virsh domblklist DOMAIN [--details]`: Type, Device, Target, Source
 *   (or Target, Source), with or without the header (`virsh -q` drops it):
 *   the targets and each disk's top; the chains below are unknown (open).
 * - `virsh domstats DOMAIN --block --backing`: `block.N.name`, `.path`,
 *   `.backingIndex`, one entry per layer, top first: every disk's chain
 *   with libvirt's indexes, but no formats. Without --backing it lists the
 *   tops only and looks the same when every disk is a single image, so
 *   chains are taken as whole only when some disk lists a layer below.
 */
import type { ImpDisk, ImpNode, Observation } from './types';
import { ImportError, imageNode } from './types';
import { typeOfPath } from './filenames';

const HEADER = /^\s*(?:Type\s+Device\s+)?Target\s+Source\s*$/;
const RULE = /^\s*-+\s*$/;
const TYPES = new Set(['file', 'block', 'network', 'volume', 'dir', 'nvme', 'vhostuser']);
const DEVICES = new Set(['disk', 'cdrom', 'floppy', 'lun']);
const TARGET = /^[A-Za-z][A-Za-z0-9_-]*$/;

interface Row {
  readonly type: string | null;
  readonly device: string | null;
  readonly target: string;
  readonly source: string | null;
}

/** The rows of a domblklist table, or null when the text is not one. */
function rows(text: string): Row[] | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !RULE.test(l));
  let details: boolean | null = null;
  if (lines.length > 0 && HEADER.test(lines[0]!)) details = /Type/.test(lines.shift()!);
  if (lines.length === 0) return details === null ? null : [];
  const out: Row[] = [];
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    const isDetails = details ?? (words.length >= 4 && TYPES.has(words[0]!) && DEVICES.has(words[1]!));
    const n = isDetails ? 3 : 1;
    if (words.length < n + 1) return null;
    // The source is the rest of the line: a path may hold spaces.
    const rest = line.trim().replace(new RegExp(`^(?:\\S+\\s+){${n}}`), '');
    const [type, device, target] = isDetails ? words : [null, null, words[0]!];
    if (!TARGET.test(target!) || (isDetails && (!TYPES.has(type!) || !DEVICES.has(device!)))) return null;
    // A local source is a path; only --details can say that a disk is something else (network, volume).
    const local = !isDetails || type === 'file' || type === 'block';
    if (local && rest !== '-' && !rest.startsWith('/')) return null;
    out.push({ type, device, target: target!, source: rest === '-' ? null : rest });
  }
  return out;
}

export function looksLikeDomblklist(text: string): boolean {
  return rows(text) !== null;
}

function layer(input: string, target: string, path: string, type: string | null): ImpNode {
  if (type !== null && type !== 'file' && type !== 'block') {
    throw new ImportError(`${input}: disk ${target} is a '${type}' disk ('${path}'); import reads local files and block devices only.`);
  }
  if (!path.startsWith('/')) throw new ImportError(`${input}: disk ${target} uses '${path}', not a local path; import reads local files and block devices only.`);
  return imageNode({ type: (type as 'file' | 'block' | null) ?? typeOfPath(path), path });
}

export function readDomblklist(text: string, input: string): Observation {
  const table = rows(text);
  if (table === null) throw new ImportError(`${input} is not virsh domblklist output: expected lines of Type, Device, Target and Source (or Target and Source).`);
  if (table.length === 0) throw new ImportError(`${input}: this domblklist table lists no disks; there is nothing to import.`);
  const disks: ImpDisk[] = table.map((r) => ({
    target: r.target,
    device: r.device,
    alias: null,
    top: r.source === null ? null : layer(input, r.target, r.source, r.type),
  }));
  return { format: 'domblklist', input, disks, notes: [], chains: false };
}

const STAT = /^\s+([A-Za-z0-9_.-]+)=(.*)$/;

export function looksLikeDomstats(text: string): boolean {
  return /^Domain: '/m.test(text) && /^\s+block\.count=/m.test(text);
}

export function readDomstats(text: string, input: string): Observation {
  const domains: string[] = [];
  const stats = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const d = /^Domain: '(.*)'\s*$/.exec(line);
    const s = STAT.exec(line);
    if (d) domains.push(d[1]!);
    else if (s) stats.set(s[1]!, s[2]!);
    else throw new ImportError(`${input} is not virsh domstats output: expected "Domain: 'NAME'" and indented key=value lines, not '${line.trim().slice(0, 60)}'.`);
  }
  if (domains.length !== 1) throw new ImportError(`${input} holds the stats of ${domains.length} domains; give the output of one: virsh domstats DOMAIN --block --backing.`);
  const count = Number(stats.get('block.count'));
  if (!Number.isInteger(count) || count < 0) throw new ImportError(`${input}: domstats without block statistics; run virsh domstats DOMAIN --block --backing.`);
  const disks: ImpDisk[] = [];
  let last: ImpNode | null = null;
  for (let i = 0; i < count; i++) {
    const name = stats.get(`block.${i}.name`);
    if (name === undefined) throw new ImportError(`${input}: block.count is ${count} but block.${i}.name is missing; the output is cut short.`);
    const path = stats.get(`block.${i}.path`) ?? null;
    const index = stats.get(`block.${i}.backingIndex`);
    const id = index !== undefined && /^\d{1,9}$/.test(index) ? Number(index) : null;
    const node = path === null ? null : layer(input, name, path, null);
    if (node) node.id = id;
    const disk = disks[disks.length - 1];
    // --backing lists every layer of a disk under its name, top first.
    if (disk && disk.target === name && node && last) {
      last.below.push(node);
      last = node;
      continue;
    }
    disks.push({ target: name, device: null, alias: null, top: node });
    last = node;
  }
  const chains = disks.some((d) => (d.top?.below.length ?? 0) > 0);
  for (const d of disks) {
    for (let n = d.top; n; n = n.below[0] ?? null) if (n.below.length === 0) n.end = chains ? 'terminated' : 'open';
  }
  return { format: 'domstats', input, disks, notes: [], chains, domain: domains[0]! };
}
