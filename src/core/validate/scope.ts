/**
 * What every validation check needs about one disk, computed once: its
 * target name and its pre-order visits (one iterative walk per disk, so the
 * checks stay linear on chains thousands of levels deep).
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../model/diagnostics';
import type { DiskDef, DomainDoc, SrcNode } from '../model/types';
import type { Visit } from '../model/walk';
import { preorder } from '../model/walk';
import type { Loc } from '../xml/tree';
import { addressOf } from '../numbers/address';
import { diskTarget, sourceText } from '../numbers/names';

export interface DiskScope {
  readonly doc: DomainDoc;
  readonly index: number;
  readonly disk: DiskDef;
  /** `<target dev>`, or `disk<N>` when the disk has none. */
  readonly target: string;
  readonly visits: readonly Visit[];
  /** sourceText of each visit, by position: several checks need it and it is the costly part of a walk. */
  readonly sources: readonly (string | null)[];
}

export function scopesOf(doc: DomainDoc): DiskScope[] {
  return doc.disks.map((disk, index) => {
    const visits = preorder(disk.src);
    return { doc, index, disk, target: diskTarget(disk, index), visits, sources: visits.map((v) => sourceText(v.node)) };
  });
}

/** A node's own place; a node made by an edit has none, so it points at its disk, and failing that at 1:1. */
function placeOf(scope: DiskScope, visit: Visit | null): { line: number; col: number } {
  const loc = visit?.node.loc ?? scope.disk.loc;
  return loc ? { line: loc.line, col: loc.col } : { line: 1, col: 1 };
}

/** A diagnostic about one node; `at` points at the element of the node it is about (a dropped sibling, its `<driver>`), when given. */
export function nodeDiag(scope: DiskScope, visit: Visit, severity: Severity, code: DiagnosticCode, message: string, at?: Loc | null): Diagnostic {
  const place = at ? { line: at.line, col: at.col } : placeOf(scope, visit);
  return { severity, code, message, ...place, disk: scope.index, node: visit.node.uid };
}

/** A diagnostic about the disk as a whole; `loc` points at a piece of it (its `<alias>`) when given. */
export function diskDiag(scope: DiskScope, severity: Severity, code: DiagnosticCode, message: string, loc?: Loc): Diagnostic {
  const place = loc ? { line: loc.line, col: loc.col } : placeOf(scope, null);
  return { severity, code, message, ...place, disk: scope.index };
}

/** `vda[2]`: the address a user can type (position in the proposal dialect, index in libvirt's). */
export function address(scope: DiskScope, visit: Visit): string {
  return addressOf(scope.doc, scope.index, visit.node, visit.position);
}

/** `vda[2] (/images/b.qcow2)`: the address plus the path that makes it recognisable. */
export function label(scope: DiskScope, visit: Visit): string {
  const src = scope.sources[visit.position];
  return src ? `${address(scope, visit)} (${src})` : address(scope, visit);
}

const visitIndex = new WeakMap<DiskScope, Map<SrcNode, Visit>>();

/** The visit of a node of this disk; the index is built on first use, since few checks need it. */
export function visitOf(scope: DiskScope, node: SrcNode): Visit | undefined {
  let index = visitIndex.get(scope);
  if (!index) {
    index = new Map(scope.visits.map((v) => [v.node, v]));
    visitIndex.set(scope, index);
  }
  return index.get(node);
}

/** `3 members`, `1 member`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Quotes user-supplied values in messages, so an empty or odd value stays visible. */
export function q(value: string): string {
  return `'${value}'`;
}
