/**
 * Addresses (domain.md "Addresses"): `vda` is the top, `vda[N]` is position N
 * in the proposal dialect and the node with id N in the libvirt dialect, and a
 * source string names the node with that source.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { diskTarget, sourceText } from './names';
import { rules } from '../dialect/rules';

export interface Resolved {
  readonly disk: number;
  readonly node: SrcNode;
  readonly position: number;
}

export type Resolution = { readonly ok: true; readonly value: Resolved } | { readonly ok: false; readonly message: string };

export function resolveAddress(doc: DomainDoc, address: string): Resolution {
  const addr = address.trim();
  const m = /^([A-Za-z][\w.-]*)(?:\[(\d+)\])?$/.exec(addr);
  if (m) {
    const [, target, n] = m;
    const di = doc.disks.findIndex((d, i) => diskTarget(d, i) === target);
    if (di >= 0) {
      const visits = preorder(doc.disks[di]!.src);
      if (n === undefined) return { ok: true, value: { disk: di, node: visits[0]!.node, position: 0 } };
      const num = Number(n);
      const byPosition = rules(doc).address === 'position';
      const hit = byPosition ? visits[num] : visits.find((v) => v.node.id === num);
      if (!hit) {
        const what = byPosition ? `position ${num} (it has ${visits.length} nodes, 0..${visits.length - 1})` : `node with index ${num}`;
        return { ok: false, message: `${target} has no ${what}.` };
      }
      return { ok: true, value: { disk: di, node: hit.node, position: hit.position } };
    }
  }
  for (let di = 0; di < doc.disks.length; di++) {
    for (const v of preorder(doc.disks[di]!.src)) {
      if (sourceText(v.node) === addr) return { ok: true, value: { disk: di, node: v.node, position: v.position } };
    }
  }
  const targets = doc.disks.map((d, i) => diskTarget(d, i)).join(', ') || 'none';
  return { ok: false, message: `'${addr}' names no disk node (disks: ${targets}); use TARGET, TARGET[N] or a source path.` };
}

/** The address of a node in the current dialect: position (proposal) or id (libvirt). */
export function addressOf(doc: DomainDoc, disk: number, node: SrcNode, position: number): string {
  const target = diskTarget(doc.disks[disk]!, disk);
  if (rules(doc).address === 'position') return `${target}[${position}]`;
  return node.id === null ? target : `${target}[${node.id}]`;
}
