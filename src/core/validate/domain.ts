/**
 * Checks that look across all disks of the domain: an image used twice, and
 * node ids (domain.md §2: one libvirt counter per domain, one proposal
 * counter per disk). Each is one linear pass with a map, never a pairwise scan.
 */
import type { Diagnostic } from '../model/diagnostics';
import { isMark } from '../model/types';
import type { Visit } from '../model/walk';
import type { XmlElement } from '../xml/tree';
import { childElements, firstChild, getAttr, isElement } from '../xml/tree';
import { diskDevice } from '../numbers/names';
import type { DiskScope } from './scope';
import { address, label, nodeDiag, q } from './scope';
import { rules } from '../dialect/rules';

interface Use {
  readonly scope: DiskScope;
  readonly visit: Visit;
  readonly writable: boolean;
}

/** A disk QEMU never writes: `<readonly/>`, or a cdrom. */
function readOnlyDisk(scope: DiskScope): boolean {
  if (diskDevice(scope.disk) === 'cdrom') return true;
  return scope.disk.children.some((c) => !isMark(c) && isElement(c) && c.name === 'readonly');
}

/**
 * QEMU writes the top, and through a quorum every member's top; backing
 * layers are opened read-only. Visits are pre-order, so a parent's answer is
 * known before its children's.
 */
function writableFlags(scope: DiskScope): boolean[] {
  const out: boolean[] = [];
  for (const v of scope.visits) {
    if (v.parent === null) out.push(!readOnlyDisk(scope));
    else out.push(out[v.parent]! && scope.visits[v.parent]!.node.type === 'quorum');
  }
  return out;
}

/** Disjoint `<slices>` of one file are different images (libvirt's disk-slices test uses one file twice so). */
function sliceKey(source: XmlElement | null): string {
  const slices = source ? firstChild(source, 'slices') : undefined;
  if (!slices) return '';
  return childElements(slices, 'slice')
    .map((s) => `#${getAttr(s, 'type') ?? ''}@${getAttr(s, 'offset') ?? ''}+${getAttr(s, 'size') ?? ''}`)
    .join('');
}

/**
 * One image in two places. QEMU's image locking refuses a second opener of
 * an image somebody writes; several read-only users (a base shared by two
 * overlays) are fine and are not reported.
 */
export function checkDuplicates(scopes: readonly DiskScope[], out: Diagnostic[]): void {
  const bySource = new Map<string, Use[]>();
  for (const scope of scopes) {
    const writable = writableFlags(scope);
    for (const v of scope.visits) {
      if (v.node.type === 'quorum') continue;
      const src = scope.sources[v.position] ?? null;
      if (src === null || src === '') continue;
      const key = src + sliceKey(v.node.source);
      const uses = bySource.get(key);
      const use = { scope, visit: v, writable: writable[v.position]! };
      if (uses) uses.push(use);
      else bySource.set(key, [use]);
    }
  }
  for (const uses of bySource.values()) {
    if (uses.length < 2 || !uses.some((u) => u.writable)) continue;
    const first = uses[0]!;
    const src = first.scope.sources[first.visit.position]!;
    const firstName = address(first.scope, first.visit);
    for (const u of uses.slice(1)) {
      out.push(
        nodeDiag(
          u.scope,
          u.visit,
          'error',
          'duplicate-image',
          `${address(u.scope, u.visit)} uses ${q(src)}, which ${firstName} already uses; QEMU locks an image it writes, so the guest would fail to start. Give each use its own image (for example an overlay on a shared read-only base).`,
        ),
      );
    }
  }
}

/** Ids of a running document: unique (per domain in libvirt, per disk in the proposal) and, in libvirt, at least 1. */
export function checkIds(scopes: readonly DiskScope[], out: Diagnostic[]): void {
  if (scopes.length === 0 || scopes[0]!.doc.state !== 'running') return;
  const libvirt = rules(scopes[0]!.doc).counter === 'domain';
  const show = (id: number): string => (libvirt ? `index='${id}'` : `node='[${id}]'`);
  let seen = new Map<number, { scope: DiskScope; visit: Visit }>();
  for (const scope of scopes) {
    if (!libvirt) seen = new Map();
    for (const v of scope.visits) {
      const id = v.node.id;
      if (id === null) continue;
      if (!Number.isInteger(id) || id < (libvirt ? 1 : 0)) {
        const want = libvirt ? 'libvirt indexes start at 1' : 'node ids are whole numbers from 0';
        out.push(nodeDiag(scope, v, 'error', 'index-invalid', `${label(scope, v)} has ${show(id)}, but ${want}.`));
        continue;
      }
      const before = seen.get(id);
      if (!before) {
        seen.set(id, { scope, visit: v });
        continue;
      }
      const rule = libvirt ? 'libvirt hands out indexes from one counter per domain, so each must be unique' : 'node ids must be unique within a disk';
      // Old libvirt (before -blockdev) printed each disk's depths as index; they are not ids.
      const clash = !libvirt ? '' : before.scope === scope ? ` (${scope.target}[${id}] would name two images)` : ' (per-disk depths, as old libvirt printed them, are not indexes)';
      out.push(
        nodeDiag(
          scope,
          v,
          'error',
          'index-invalid',
          `${label(scope, v)} has ${show(id)}, which ${label(before.scope, before.visit)} already has; ${rule}${clash}.`,
        ),
      );
    }
  }
}

/** Two disks with one `<target dev>`: libvirt refuses the domain ("target 'vda' duplicated for disk sources"). */
export function checkTargets(scopes: readonly DiskScope[], out: Diagnostic[]): void {
  const seen = new Map<string, DiskScope>();
  for (const scope of scopes) {
    const target = targetElement(scope);
    const dev = getAttr(target, 'dev');
    if (dev === null) continue;
    const first = seen.get(dev);
    if (!first) {
      seen.set(dev, scope);
      continue;
    }
    out.push(
      nodeDiag(scope, scope.visits[0]!, 'error', 'target-duplicate', `Two disks have <target dev=${q(dev)}>: libvirt refuses the domain, since the guest would see two disks under one name (and vda[N] could not say which). Give this disk another target.`, target?.loc),
    );
  }
}

function targetElement(scope: DiskScope): XmlElement | null {
  for (const c of scope.disk.children) if (!isMark(c) && isElement(c) && c.name === 'target') return c;
  return null;
}
