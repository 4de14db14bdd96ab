/**
 * Deep input: a 5,000-level chain is read, numbered, validated, inspected
 * and written without a stack overflow (every walk must be iterative), and
 * what is written reads back the same. The input is not indented: indented,
 * 5,000 levels are ~100 MB of spaces, which tests parsing speed (bench/),
 * not depth.
 */
import { describe, expect, it } from 'vitest';
import { libvirtChain, proposalChain } from '../../../bench/cases';
import { toText } from '../../../src/core/io/document';
import { inspect } from '../../../src/core/inspect';
import { validate } from '../../../src/core/validate';
import { load } from '../../helpers/load';

const DEPTH = 5000;

const flat = { indent: false };

describe(`a ${DEPTH}-level chain`, () => {
  it.each([
    { label: 'libvirt, offline', text: libvirtChain(DEPTH, flat), dialect: 'libvirt', first: 1, last: DEPTH, counter: DEPTH + 1 },
    { label: 'libvirt, running', text: libvirtChain(DEPTH, { ...flat, running: true }), dialect: 'libvirt', first: DEPTH, last: 1, counter: DEPTH + 1 },
    // Proposal fresh numbering is post-order: the base was created first.
    { label: 'proposal, offline', text: proposalChain(DEPTH, flat), dialect: 'proposal', first: DEPTH - 1, last: 0, counter: DEPTH },
  ])('$label: read, numbered, validated, inspected, written', ({ text, dialect, first, last, counter }) => {
    const doc = load(text);
    expect(doc.dialect).toBe(dialect);
    const diagnostics = validate(doc);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const json = inspect(doc, diagnostics);
    const nodes = json.disks[0]!.nodes;
    expect(nodes).toHaveLength(DEPTH);
    expect([nodes[0]!.id, nodes[DEPTH - 1]!.id, json.disks[0]!.counter]).toEqual([first, last, counter]);
    expect(nodes[DEPTH - 1]!.end).toBe('terminated');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const out = toText(doc);
    expect(out.match(/<backingStore/g)).toHaveLength(DEPTH);
  });

  it('written text (indented, ~100 MB) reads back as the same model', { timeout: 60_000 }, () => {
    const doc = load(libvirtChain(DEPTH, flat));
    const out = toText(doc);
    const again = load(out);
    expect(inspect(again, [])).toEqual(inspect(doc, []));
  });
});
