/**
 * What the imported document should say about itself, once the outputs are
 * merged: trouble the image headers show (each with its fix, shell-quoted),
 * and what no output carried (targets, formats, the chain below a top), so
 * nothing made up passes for something read.
 */
import { shQuote } from '../export/shell';
import { isRelative, resolveBacking } from './filenames';
import type { Merged } from './merge';
import type { ImpDisk, ImpNode, Note, Observation } from './types';
import { preorderImp } from './types';

const LIVE = new Set(['query-named-block-nodes', 'query-block', 'x-debug-query-block-graph']);

function headerNotes(node: ImpNode, from: Observation): Note[] {
  const h = node.header;
  const path = node.path;
  if (!h || path === null) return [];
  const out: Note[] = [];
  const input = from.input;
  const below = node.below[0];
  if (h.backingName !== null && h.backingFormat === null && node.format !== 'raw') {
    const probed = below?.format ?? null;
    const fmt = probed ?? 'FORMAT';
    const fix = `qemu-img rebase -u -F ${shQuote(fmt)} -b ${shQuote(h.backingName)} ${shQuote(path)}`;
    out.push({
      severity: 'warning',
      code: 'import-backing-format-missing',
      input,
      node,
      message:
        `The header of ${path} names the backing file '${h.backingName}' but not its format, so QEMU and libvirt probe it from the file's contents` +
        `${probed ? ` (here: ${probed})` : ''}, which a guest writing a fake header can fool; QEMU 6.1+ refuses to create such images ("backing format must be specified"). ` +
        `Record the format: ${fix}${probed ? '' : " (FORMAT: the backing file's format, as qemu-img info prints it)"}.`,
    });
  }
  if (h.backingName !== null && isRelative(h.backingName) && !h.backingName.startsWith('json:')) {
    const resolved = h.backingResolved ?? resolveBacking(path, h.backingName);
    const fmt = h.backingFormat ?? below?.format ?? 'FORMAT';
    const absolute = isRelative(resolved) ? '' : ` To make it absolute: qemu-img rebase -u -F ${shQuote(fmt)} -b ${shQuote(resolved)} ${shQuote(path)}.`;
    out.push({
      severity: 'info',
      code: 'import-backing-relative',
      input,
      node,
      message: `The header of ${path} names its backing file by the relative path '${h.backingName}', which QEMU resolves against the image's own directory: ${resolved}. The chain breaks if the images are moved apart.${absolute}`,
    });
  }
  if (h.dirty) {
    const live = LIVE.has(from.format);
    out.push({
      severity: live ? 'info' : 'warning',
      code: 'import-dirty',
      input,
      node,
      message: live
        ? `${path} has its dirty flag set: QEMU has it open read-write with lazy refcounts, which is normal while it runs; the flag is cleared when QEMU closes it cleanly.`
        : `${path} has its dirty flag set: it was not closed cleanly while open read-write with lazy refcounts, so its refcounts may be stale (if no QEMU has it open now). QEMU repairs it on the next read-write open; with the guest stopped, ${`qemu-img check -r all ${shQuote(path)}`} repairs it now.`,
    });
  }
  if (h.corrupt) {
    out.push({
      severity: 'error',
      code: 'import-corrupt',
      input,
      node,
      message: `QEMU marked ${path} corrupt (format-specific.data.corrupt): it opens it read-only at most. With the guest stopped and a copy of the file made, qemu-img check -r all ${shQuote(path)} may repair it; otherwise restore it from a backup.`,
    });
  }
  return out;
}

const NO_FORMATS: Readonly<Record<string, string>> = {
  domblklist: 'virsh domblklist does not print image formats',
  domstats: 'virsh domstats does not print image formats',
};

const TOPS_ONLY: Readonly<Record<string, string>> = {
  domblklist: 'virsh domblklist shows only the top image of each disk',
  domstats: 'virsh domstats without --backing lists only the top image of each disk',
  'qemu-img-info': 'qemu-img info without --backing-chain reads only the image it was given',
};

/** The notes of the merged document: headers, formats and chains no output gave, guessed targets. */
export function disclose(m: Merged): Note[] {
  const out: Note[] = [];
  m.disks.forEach((disk, i) => {
    const from = m.from[i]!;
    const nodes = preorderImp(disk.top);
    for (const n of nodes) out.push(...headerNotes(n, from));
    const formatless = nodes.find((n) => n.format === null && n.type !== 'quorum');
    if (formatless) {
      const why = NO_FORMATS[from.format] ?? `${from.input} does not give the format of ${formatless.path}`;
      out.push({
        severity: 'warning',
        code: 'import-format-unknown',
        input: from.input,
        node: formatless,
        message: `${why}, so layers of ${disk.target ?? 'this disk'} have none (a top without one reads as raw). Give query-named-block-nodes (virsh qemu-monitor-command) or qemu-img info of the same images too.`,
      });
    }
    const open = nodes.find((n) => n.end === 'open' && n.below.length === 0 && n.type !== 'quorum');
    if (open && !from.chains) {
      const backing = open.header?.backingResolved ?? open.header?.backingName;
      const why = TOPS_ONLY[from.format] ?? `${from.input} does not show the chain below ${open.path}`;
      out.push({
        severity: 'info',
        code: 'import-chain-unknown',
        input: from.input,
        node: open,
        message: `${why}${backing ? ` (the header of ${open.path} names '${backing}')` : ''}: the chain below ${open.path} is unknown, so it is left open and libvirt would probe it. Give qemu-img info --backing-chain, virsh domstats --block --backing or query-named-block-nodes too.`,
      });
    }
  });
  return out;
}

/** Gives every disk without a target one (vda, vdb, …; hdc, hdd, … for a cdrom) and says so once. */
export function guessTargets(disks: readonly ImpDisk[], input: string, guest: boolean): Note[] {
  const taken = new Set(disks.map((d) => d.target).filter((t): t is string => t !== null));
  const guessed: string[] = [];
  for (const d of disks) {
    if (d.target !== null) continue;
    const cdrom = d.device === 'cdrom';
    for (let i = cdrom ? 2 : 0; ; i++) {
      const t = (cdrom ? 'hd' : 'vd') + letters(i);
      if (taken.has(t)) continue;
      d.target = t;
      taken.add(t);
      guessed.push(t);
      break;
    }
  }
  if (guessed.length === 0) return [];
  const first = disks.find((d) => d.target === guessed[0]);
  return [
    {
      severity: 'info',
      code: 'import-guessed',
      input,
      disk: first,
      message: guest
        ? `The output does not name the disks' targets, so they are named ${guessed.join(', ')} in document order; give virsh domblklist DOMAIN --details of the same guest too for the real ones.`
        : `qemu-img describes image files, not a guest's disks, so the disk is named ${guessed.join(', ')}; change the target to the guest's.`,
    },
  ];
}

/** 0 → a, 25 → z, 26 → aa (libvirt's disk names). */
function letters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}
