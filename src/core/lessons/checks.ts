/**
 * Small predicates the lessons' checks are built from. They look at the
 * document's structure (what the learner's operation produced), not at how
 * it was done, so any UI that runs the operation passes: the graph's menu,
 * an operation dialog, typing XML, or "Do it for me".
 */
import type { DomainDoc } from '../model/types';
import type { NodeView } from '../numbers/derive';
import { derive } from '../numbers/derive';
import { preorder } from '../model/walk';
import { counterOf } from '../numbers/ids';
import { chainLayers } from './simulate';
import type { LessonEvent, LessonState } from './types';
import { rules } from '../dialect/rules';

export function nodesOf(doc: DomainDoc, disk = 0): readonly NodeView[] {
  return derive(doc).disks[disk]?.nodes ?? [];
}

export function topOf(doc: DomainDoc, disk = 0): NodeView | undefined {
  return nodesOf(doc, disk)[0];
}

/** Ids down the disk's chain from the top (null for a node without one). */
export function chainIds(doc: DomainDoc, disk = 0): (number | null)[] {
  return chainLayers(doc, disk).map((v) => v.id);
}

export function sameIds(a: readonly (number | null)[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function counter(doc: DomainDoc, disk = 0): number {
  return counterOf(doc, disk);
}

/** Nodes the last operation added that are still in the document (undo may have taken them away). */
export function addedNodes(s: LessonState): NodeView[] {
  const byUid = derive(s.doc).byUid;
  return (s.lastChange?.added ?? []).map((u) => byUid.get(u)).filter((v): v is NodeView => v !== undefined);
}

/** The last operation removed at least one node. */
export function removedSome(s: LessonState): boolean {
  return (s.lastChange?.removed.length ?? 0) > 0;
}

/** The last operation's message starts so (core operations word their messages stably: see the lesson tests). */
export function lastSaid(s: LessonState, prefix: string): boolean {
  return s.lastChange?.message.startsWith(prefix) ?? false;
}

/**
 * A snapshot (or copy) just put a new node on top of the disk: the last
 * change added it, it sits at position 0, and its id is the value the
 * counter held before (the counter now stands one past it).
 */
export function newTop(s: LessonState, disk = 0): NodeView | null {
  const top = topOf(s.doc, disk);
  if (!top || top.id === null) return null;
  if (!addedNodes(s).some((v) => v.uid === top.uid)) return null;
  return top.id === counter(s.doc, disk) - 1 ? top : null;
}

/** Some id below the counter belongs to no node: an id handed out once and gone, never reused while running. */
export function hasIdGap(doc: DomainDoc, disk = 0): boolean {
  const libvirt = rules(doc).counter === 'domain';
  const ids = new Set<number>();
  const disks = libvirt ? doc.disks : doc.disks.slice(disk, disk + 1);
  for (const d of disks) for (const v of preorder(d.src)) if (v.node.id !== null) ids.add(v.node.id);
  for (let i = libvirt ? 1 : 0; i < counter(doc, disk); i++) if (!ids.has(i)) return true;
  return false;
}

export function selectedView(s: LessonState): NodeView | undefined {
  return s.selected === null ? undefined : derive(s.doc).byUid.get(s.selected);
}

type EventOf<T extends LessonEvent['type']> = Extract<LessonEvent, { type: T }>;

export function eventsOf<T extends LessonEvent['type']>(s: LessonState, type: T): EventOf<T>[] {
  return s.events.filter((e): e is EventOf<T> => e.type === type);
}

/** The index of the last event matching, or -1. */
export function lastIndex(s: LessonState, ok: (e: LessonEvent) => boolean): number {
  for (let i = s.events.length - 1; i >= 0; i--) if (ok(s.events[i]!)) return i;
  return -1;
}
