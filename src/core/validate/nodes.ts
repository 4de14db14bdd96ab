/**
 * Checks on one node at a time (domain.md §1, §4): its type, its quorum
 * settings, and what libvirt demands of a backing layer. Each message names
 * the node by the address a user can type and says how libvirt or QEMU reacts.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { Visit } from '../model/walk';
import { getAttr } from '../xml/tree';
import type { DiskScope } from './scope';
import { address, count, label, nodeDiag, q, visitOf } from './scope';
import { rules } from '../dialect/rules';

export const DISK_TYPES = ['file', 'block', 'network', 'volume', 'dir', 'nvme', 'vhostuser', 'quorum'] as const;
const KNOWN = new Set<string>(DISK_TYPES);
const known = DISK_TYPES.join(', ');
/** Types whose source is a host path; libvirt's schema wants it absolute. */
const PATH_TYPES = new Set(['file', 'block', 'dir']);
/** QEMU's boolean spellings for "on". */
const ON = new Set(['on', 'yes', 'true']);

export function checkNodes(scope: DiskScope, out: Diagnostic[]): void {
  for (const v of scope.visits) {
    checkType(scope, v, out);
    if (v.node.type === 'quorum') checkQuorum(scope, v, out);
    else checkLayer(scope, v, out);
    checkPath(scope, v, out);
  }
}

function checkType(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const { type } = v.node;
  // A <backingStore> without type= is an end marker, never a node (checkPieces says what it swallows).
  if (type === null && v.parent === null) {
    out.push(nodeDiag(scope, v, 'info', 'disk-type-default', `The <disk> of ${scope.target} has no type=; libvirt reads it as type='file'. Write type='file' to say so.`));
  } else if (type !== null && !KNOWN.has(type)) {
    out.push(nodeDiag(scope, v, 'error', 'unknown-disk-type', `${label(scope, v)} has type=${q(type)}, which libvirt does not know; use one of ${known}.`));
  }
}

function checkQuorum(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const n = v.node;
  const name = label(scope, v);
  const members = n.backing.length;
  if (!rules(scope.doc).quorum) {
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'quorum-in-libvirt',
        `${name} is a quorum, which the libvirt dialect cannot express: libvirt never merged quorum support and allows one <backingStore> per level. Switch to the proposal dialect or export the disk as QMP.`,
      ),
    );
  }
  if (members === 0) {
    out.push(nodeDiag(scope, v, 'error', 'quorum-no-members', `Quorum ${name} has no members; add at least one <backingStore> under it.`));
  }
  const majority = Math.floor(Math.max(members, 1) / 2) + 1;
  const t = n.threshold;
  if (t === null) {
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'quorum-threshold-missing',
        `Quorum ${name} has no vote threshold; add threshold='N' to its <driver> with N between 1 and ${Math.max(members, 1)} (a majority is ${majority}).`,
      ),
    );
  } else {
    const value = /^\s*\d+\s*$/.test(t) ? Number(t) : NaN;
    // With no members the range is empty; quorum-no-members already says what to do.
    const bad = Number.isNaN(value) || value < 1 || (members > 0 && value > members);
    if (bad) {
      const range = members > 0 ? `a whole number from 1 to ${members}` : 'a whole number of at least 1';
      out.push(
        nodeDiag(scope, v, 'error', 'quorum-threshold-range', `Quorum ${name} has threshold=${q(t)}, but with ${count(members, 'member')} it must be ${range}.`),
      );
    }
  }
  const flag = getAttr(n.formatEl, 'blkverify');
  const blkverify = n.format === 'blkverify' || (flag !== null && ON.has(flag.trim().toLowerCase()));
  if (blkverify && (members !== 2 || t === null || Number(t.trim()) !== 2)) {
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'blkverify-needs-two',
        `Quorum ${name} asks for blkverify, which QEMU allows only with exactly 2 members and threshold 2; it has ${count(members, 'member')} and threshold ${t === null ? 'unset' : q(t)}.`,
      ),
    );
  }
}

function checkLayer(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const n = v.node;
  const isTop = v.parent === null;
  if (!isTop && n.format === null) {
    const hint = rules(scope.doc).layerFormatExample;
    out.push(
      nodeDiag(scope, v, 'error', 'backing-format-missing', `Backing layer ${label(scope, v)} has no format; libvirt rejects it. Add ${hint} (or the image's real format).`),
    );
  }
  if (!isTop && n.source === null) {
    out.push(nodeDiag(scope, v, 'error', 'backing-source-missing', `Backing layer ${label(scope, v)} has no <source>; libvirt rejects a layer without one. Add the image's <source>.`));
  }
  if (n.backing.length > 1) {
    const dropped = n.backing.slice(1).map((b) => {
      const bv = visitOf(scope, b);
      return bv ? label(scope, bv) : 'a <backingStore>';
    });
    // At the first sibling libvirt drops: that is what the user has to move or remove.
    const at = n.backing[1]!.loc;
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'backing-siblings',
        `${label(scope, v)} has ${n.backing.length} backing stores but is not a quorum: libvirt keeps only the first and silently drops ${dropped.join(', ')}. Remove the extra ones or make ${address(scope, v)} a quorum.`,
        at,
      ),
    );
  }
  // A layer without a format is backing-format-missing's business; the top's missing format means raw.
  if (n.backing.length > 0 && (n.format === 'raw' || (isTop && n.format === null))) {
    const what = n.format === null ? 'has no format (so it is raw)' : 'is raw';
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'raw-with-backing',
        `${label(scope, v)} ${what} but has a backing store; raw images cannot have a backing file and the QEMU driver refuses the disk. Give it a format that supports backing files, such as qcow2.`,
      ),
    );
  }
}

function checkPath(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const n = v.node;
  if (n.type === null || !PATH_TYPES.has(n.type)) return;
  const path = scope.sources[v.position] ?? null;
  // An empty path is an empty drive (a cdrom without media), not a relative one.
  if (path === null || path === '' || path.startsWith('/')) return;
  out.push(
    nodeDiag(
      scope,
      v,
      rules(scope.doc).relativePath,
      'relative-path',
      `${address(scope, v)} uses the relative path ${q(path)}; libvirt's schema requires absolute paths. Write the full path starting with '/'.`,
    ),
  );
}
