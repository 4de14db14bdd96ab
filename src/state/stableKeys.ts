/**
 * Stable node keys for stored sessions. Editor uids are handed out afresh on
 * every read, so dragged positions and the selection are stored by
 * `<disk index>.<position>`, which the same text always gives the same node.
 */
import type { DomainDoc } from '../core/model/types';
import type { Placement, Point } from '../core/layout';
import { derive } from '../core/numbers/derive';

export const STABLE_KEY = /^\d+\.\d+$/;

export function stableKey(doc: DomainDoc, uid: string): string | null {
  const v = derive(doc).byUid.get(uid);
  return v ? `${v.disk}.${v.position}` : null;
}

export function uidOfKey(doc: DomainDoc, key: string): string | null {
  const [d, p] = key.split('.').map(Number);
  return derive(doc).disks[d ?? -1]?.nodes[p ?? -1]?.uid ?? null;
}

export function draggedToKeys(doc: DomainDoc, dragged: Placement): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [uid, p] of Object.entries(dragged)) {
    const k = stableKey(doc, uid);
    if (k !== null) out[k] = { x: p.x, y: p.y };
  }
  return out;
}

export function draggedFromKeys(doc: DomainDoc, stored: Readonly<Record<string, Point>>): Record<string, Point> {
  const out: Record<string, Point> = {};
  for (const [k, p] of Object.entries(stored)) {
    const uid = uidOfKey(doc, k);
    if (uid !== null) out[uid] = p;
  }
  return out;
}
