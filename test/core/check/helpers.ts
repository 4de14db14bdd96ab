/**
 * The check suites' inputs: the import suite's saved real outputs (captured
 * from qemu-img, QEMU and libvirt 9.0 by test/core/import/capture.ts) and
 * the live domain XML libvirt printed for the same guest (dumpxml.xml), which
 * a test doctors with one change to plant a disagreement.
 */
import { expect } from 'vitest';
import { checkAgainst } from '../../../src/core/check/index';
import type { CheckFinding } from '../../../src/core/check/index';
import type { DomainDoc } from '../../../src/core/model/types';
import { perform } from '../../../src/core/operations/registry';
import { fixture } from '../import/fixtures';
import { load } from '../../helpers/load';

export const DUMPXML = fixture('virsh/dumpxml.xml');

/** `text` with `from` replaced by `to`; fails when `from` is not there exactly once (so a doctoring never silently does nothing). */
export function doctor(text: string, from: string | RegExp, to: string): string {
  const hits = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, 'g')) ?? []).length;
  expect(hits, `doctoring ${String(from)}`).toBe(1);
  return text.replace(from, to);
}

/** The findings of `doc` (or its text) against saved outputs; fails when the check is refused. */
export function findings(doc: DomainDoc | string, outputs: readonly string[]): CheckFinding[] {
  const r = checkAgainst(typeof doc === 'string' ? load(doc) : doc, outputs.map((name) => ({ name, text: fixture(name) })));
  if (!r.ok) throw new Error(`check refused: ${r.message}`);
  return r.findings;
}

export const codes = (list: readonly CheckFinding[]): string[] => list.map((f) => f.code);

/** The one finding with `code`; fails (listing what there is) unless there is exactly one. */
export function only(list: readonly CheckFinding[], code: string): CheckFinding {
  const hits = list.filter((f) => f.code === code);
  expect(hits.map((f) => `${f.code}: ${f.message}`), `one ${code} in ${codes(list).join(', ') || 'nothing'}`).toHaveLength(1);
  return hits[0]!;
}

/** Applies a finding's fix through the registry (as the store's gateway and `strata op` do); fails when there is none or it is refused. */
export function applyFix(doc: DomainDoc | string, f: CheckFinding): DomainDoc {
  const d = typeof doc === 'string' ? load(doc) : doc;
  expect(f.fix, `a fix for ${f.code}`).not.toBeNull();
  expect(f.fix!.blocked, `the fix for ${f.code} applies`).toBeUndefined();
  const r = perform(d, f.fix!.request);
  if (!r.ok) throw new Error(`fix for ${f.code} refused: ${r.reason}`);
  return r.doc;
}

/**
 * Applies fixes until none is left (or none applies): the first applicable
 * fix each round, then the check again, as a user at the Problems panel
 * would. Returns the findings left and the codes fixed, in order.
 */
export function settle(doc: DomainDoc, outputs: readonly string[]): { left: CheckFinding[]; fixed: string[]; doc: DomainDoc } {
  const fixed: string[] = [];
  let d = doc;
  for (let round = 0; round < 10; round++) {
    const list = findings(d, outputs);
    const f = list.find((x) => x.fix && !x.fix.blocked);
    if (!f) return { left: list, fixed, doc: d };
    d = applyFix(d, f);
    fixed.push(f.code);
  }
  throw new Error(`still fixing after 10 rounds: ${fixed.join(', ')}`);
}

/** The 1-based line of the first line of `text` containing `needle`, and its column. */
export function placeOf(text: string, needle: string): { line: number; col: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  expect(i, `'${needle}' in the text`).toBeGreaterThanOrEqual(0);
  return { line: i + 1, col: lines[i]!.indexOf(needle) + 1 };
}
