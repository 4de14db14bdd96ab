/**
 * What an import is compared on, read through Strata's own reader (as
 * test/system/libvirt/facts.ts does): per disk its target and device, and every
 * node in pre-order as `depth type format path #id end` (a quorum with its
 * threshold), so a difference is about the chain, not about how it was
 * printed.
 */
import { expect } from 'vitest';
import { derive } from '../../../src/core/numbers/derive';
import type { DomainDoc } from '../../../src/core/model/types';
import type { ImportInput, ImportOptions, ImportResult } from '../../../src/core/import';
import { importText } from '../../../src/core/import';
import type { Outputs } from './tools';

export interface DiskShape {
  readonly target: string;
  readonly device: string;
  readonly nodes: readonly string[];
}

export function shape(doc: DomainDoc): DiskShape[] {
  return derive(doc).disks.map((d) => ({
    target: d.target,
    device: d.device ?? 'disk',
    nodes: d.nodes.map((n) => `${n.depth} ${n.type ?? '-'} ${n.format ?? '-'}${n.isQuorum ? ` threshold=${n.threshold ?? '-'}` : ''} ${n.source ?? '-'} #${n.id ?? '?'} ${n.end ?? ''}`.trimEnd()),
  }));
}

/** Field `i` of every node line masked (1 type, 2 format, 4 id), for outputs that do not carry it. */
export function mask(disks: readonly DiskShape[], fields: readonly number[], from = 0): DiskShape[] {
  return disks.map((d) => ({
    ...d,
    nodes: d.nodes.map((line, i) => (i < from ? line : line.split(' ').map((w, k) => (fields.includes(k) ? '*' : w)).join(' '))),
  }));
}

export type Imported = Extract<ImportResult, { ok: true }>;

/** Imports the named outputs; fails the test with the message when the import refuses. */
export function imported(outputs: Outputs, files: readonly string[], options?: ImportOptions): Imported {
  const inputs: ImportInput[] = files.map((f) => {
    const text = outputs[f];
    if (text === undefined) throw new Error(`no output '${f}'`);
    return { name: f, text };
  });
  const r = importText(inputs, options);
  if (!r.ok) expect.fail(`import of ${files.join(' + ')} refused: ${r.message}`);
  return r;
}

export const codes = (r: Imported): string[] => r.diagnostics.map((d) => d.code);
