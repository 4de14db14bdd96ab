/**
 * After typing is applied, the freshly read document gets new editor uids.
 * Reconciling gives its disks and nodes the uids of their counterparts in the
 * previous document, so selection and dragged positions survive a re-parse.
 * Disks match by target (then index); nodes by source+type, then id, then position.
 */
import type { DiskDef, DomainDoc, SrcNode } from './model/types';
import { mapTree, preorder } from './model/walk';
import { diskTarget, sourceText } from './numbers/names';

export function reconcile(prev: DomainDoc, next: DomainDoc): DomainDoc {
  const prevByTarget = new Map<string, DiskDef>();
  prev.disks.forEach((d, i) => prevByTarget.set(diskTarget(d, i), d));
  const used = new Set<DiskDef>();
  const disks = next.disks.map((d, i) => {
    let old = prevByTarget.get(diskTarget(d, i));
    if (!old || used.has(old)) old = prev.disks[i] && !used.has(prev.disks[i]!) ? prev.disks[i] : undefined;
    if (!old) return d;
    used.add(old);
    // While the guest runs an id is never handed out twice: typing that dropped the counter record keeps the counter.
    const counter = keepCounter(prev, next) ? Math.max(d.counter, old.counter) : d.counter;
    return { ...d, uid: old.uid, src: reconcileTree(old.src, d.src), counter };
  });
  return { ...next, disks, counter: keepCounter(prev, next) ? Math.max(next.counter, prev.counter) : next.counter };
}

/** The previous counters still hold: the same guest, running, in the same dialect. */
function keepCounter(prev: DomainDoc, next: DomainDoc): boolean {
  return prev.state === 'running' && next.state === 'running' && prev.dialect === next.dialect;
}

function reconcileTree(oldRoot: SrcNode, newRoot: SrcNode): SrcNode {
  const olds = preorder(oldRoot).map((v) => v.node);
  const news = preorder(newRoot).map((v) => v.node);
  const taken = new Set<SrcNode>();
  const uidOf = new Map<SrcNode, string>();
  const tryMatch = (key: (n: SrcNode) => string | null): void => {
    // Candidates per key in document order; each is handed out once.
    const index = new Map<string, SrcNode[]>();
    for (const o of olds) {
      const k = taken.has(o) ? null : key(o);
      if (k === null) continue;
      const list = index.get(k);
      if (list) list.push(o);
      else index.set(k, [o]);
    }
    for (const n of news) {
      if (uidOf.has(n)) continue;
      const k = key(n);
      const list = k === null ? undefined : index.get(k);
      const o = list?.shift();
      if (o) {
        taken.add(o);
        uidOf.set(n, o.uid);
      }
    }
  };
  tryMatch((n) => {
    const s = sourceText(n);
    return s === null ? null : `${n.type}|${s}`;
  });
  tryMatch((n) => (n.id === null ? null : `id${n.id}`));
  news.forEach((n, i) => {
    const o = olds[i];
    if (!uidOf.has(n) && o && !taken.has(o)) {
      taken.add(o);
      uidOf.set(n, o.uid);
    }
  });
  return mapTree(newRoot, (n, original) => {
    const uid = uidOf.get(original);
    return uid && uid !== n.uid ? { ...n, uid } : n;
  });
}
