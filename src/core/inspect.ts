/**
 * The inspect JSON: a flat, stable description of a document for the CLI,
 * golden files and tests. Flat on purpose (nodes listed by position with
 * child positions) so a 5,000-level chain serialises without deep recursion.
 */
import type { ChainEnd, Dialect, DomainDoc, GuestState } from './model/types';
import type { Diagnostic, DiagnosticCode, Severity } from './model/diagnostics';
import { preorder } from './model/walk';
import { counterOf } from './numbers/ids';
import { diskAlias, nodeName, sourceText } from './numbers/names';
import { getAttr } from './xml/tree';
import { isMark } from './model/types';

export interface InspectNode {
  readonly position: number;
  readonly id: number | null;
  readonly name: string | null;
  readonly type: string | null;
  readonly format: string | null;
  readonly source: string | null;
  readonly threshold: number | null;
  readonly children: readonly number[];
  /** null when the node has backing stores: the chain goes on. */
  readonly end: ChainEnd | null;
}

export interface InspectDisk {
  readonly target: string | null;
  readonly alias: string | null;
  readonly counter: number;
  readonly nodes: readonly InspectNode[];
}

export interface InspectDiagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

export interface InspectJson {
  readonly dialect: Dialect;
  readonly state: GuestState;
  readonly disks: readonly InspectDisk[];
  readonly diagnostics: readonly InspectDiagnostic[];
}

/** A quorum threshold as a number; text that is not an integer is reported by validate, not guessed here. */
function thresholdNumber(text: string | null): number | null {
  if (text === null) return null;
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

/** `<target dev>` as written: no `disk<N>` fallback, so a missing target shows as null. */
function targetDev(doc: DomainDoc, diskIndex: number): string | null {
  for (const c of doc.disks[diskIndex]!.children) {
    if (!isMark(c) && c.kind === 'element' && c.name === 'target') return getAttr(c, 'dev');
  }
  return null;
}

export function inspect(doc: DomainDoc, diagnostics: readonly Diagnostic[]): InspectJson {
  const disks = doc.disks.map((disk, di): InspectDisk => {
    const visits = preorder(disk.src);
    const positionOf = new Map(visits.map((v) => [v.node, v.position] as const));
    const nodes = visits.map(({ node, position }): InspectNode => ({
      position,
      id: node.id,
      name: nodeName(doc, di, node),
      type: node.type,
      format: node.format,
      source: sourceText(node),
      threshold: node.type === 'quorum' ? thresholdNumber(node.threshold) : null,
      children: node.backing.map((b) => positionOf.get(b)!),
      end: node.backing.length > 0 ? null : node.end,
    }));
    return { target: targetDev(doc, di), alias: diskAlias(disk), counter: counterOf(doc, di), nodes };
  });
  return {
    dialect: doc.dialect,
    state: doc.state,
    disks,
    diagnostics: diagnostics.map(({ severity, code, message, line, col }) => ({ severity, code, message, line, col })),
  };
}
