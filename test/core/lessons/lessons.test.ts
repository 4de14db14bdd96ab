/**
 * Lessons (issue 4): the simulations they animate, and every lesson run
 * through with core operations only: each step's check is false before the
 * step and true after the intended operations, and false on the start state.
 */
import { describe, expect, it } from 'vitest';
import type { DomainDoc } from '../../../src/core/model/types';
import { validate } from '../../../src/core/validate';
import { counterOf } from '../../../src/core/numbers/ids';
import { commit, copy, pull } from '../../../src/core/ops';
import { LESSONS, advance, lessonById } from '../../../src/core/lessons';
import type { Lesson, LessonAction } from '../../../src/core/lessons';
import { EMPTY_LAB, performAll, stateOf } from '../../../src/core/lessons/lab';
import type { World } from '../../../src/core/lessons/lab';
import { chainIds } from '../../../src/core/lessons/checks';
import { checkNodeName, quorumVote, readFallsThrough, writeLands, withWrite } from '../../../src/core/lessons/simulate';
import type { MemberState } from '../../../src/core/lessons/simulate';
import type { OpRequest } from '../../../src/core/ops/request';
import { load } from '../../helpers/load';

function startWorld(lesson: Lesson): World {
  return { doc: load(lesson.start), lastChange: null, selected: null, lab: { ...EMPTY_LAB, blocks: lesson.blocks ?? {} } };
}

const lesson = (id: string): Lesson => lessonById(id)!;
const op = (_label: string, request: OpRequest): LessonAction => ({ kind: 'op', request });

const IMG = '/var/lib/libvirt/images';
const CHAIN = lesson('backing-chain');

describe('readFallsThrough and writeLands', () => {
  const doc = load(CHAIN.start);
  const blocks = CHAIN.blocks!;

  it('falls through the top to the first layer that holds the block', () => {
    const t = readFallsThrough(doc, 0, blocks, 7);
    expect(t.outcome).toBe('found');
    expect(t.visited.map((v) => v.source)).toEqual([`${IMG}/top.qcow2`, `${IMG}/mid.qcow2`]);
    expect(t.servedBy?.position).toBe(1);
  });

  it('is answered by the top when the top holds it, and by the base further down', () => {
    expect(readFallsThrough(doc, 0, blocks, 1).servedBy?.position).toBe(0);
    expect(readFallsThrough(doc, 0, blocks, 0).servedBy?.position).toBe(2);
  });

  it('reads zeros at a terminated end, probes at an open one', () => {
    const t = readFallsThrough(doc, 0, blocks, 6);
    expect(t.outcome).toBe('zeros');
    expect(t.visited).toHaveLength(3);
    const open = load(CHAIN.start.replace('<backingStore/>\n', ''));
    expect(readFallsThrough(open, 0, blocks, 6).outcome).toBe('probe');
  });

  it('a raw layer holds every block; a quorum stops the fall (its members vote)', () => {
    const raw = load(CHAIN.start.replace("<format type='qcow2'/>\n      <source file='/var/lib/libvirt/images/base", "<format type='raw'/>\n      <source file='/var/lib/libvirt/images/base"));
    expect(readFallsThrough(raw, 0, blocks, 6).servedBy?.position).toBe(2);
    const q = load(lesson('node-names').start);
    const t = readFallsThrough(q, 0, {}, 7);
    expect(t.outcome).toBe('quorum');
    expect(t.visited).toHaveLength(1);
  });

  it('a write lands in the active layer, and a read of that block then stops there', () => {
    const layers = writeLands(doc, 0);
    expect(layers.map((v) => v.position)).toEqual([0]);
    const after = withWrite(blocks, layers, 7);
    expect(after[`${IMG}/top.qcow2`]).toEqual([1, 7]);
    expect(blocks[`${IMG}/top.qcow2`]).toEqual([1]);
    expect(readFallsThrough(doc, 0, after, 7).servedBy?.position).toBe(0);
  });

  it('below a quorum a write lands in every member chain top (Q[a, b <- c, d]: a, c, d)', () => {
    const q = load(lesson('node-names').start);
    expect(writeLands(q, 0).map((v) => v.source)).toEqual(['/path/to/a', '/path/to/c', '/path/to/d']);
  });
});

describe('quorumVote', () => {
  const cases: [MemberState[], number, string][] = [
    [['ok', 'ok', 'ok'], 2, 'correct'],
    [['ok', 'corrupt', 'ok'], 2, 'correct'],
    [['ok', 'corrupt', 'corrupt'], 2, 'failed'],
    [['corrupt', 'ok', 'ok'], 3, 'failed'],
    [['ok', 'ok', 'ok'], 3, 'correct'],
    [['ok', 'corrupt', 'corrupt'], 1, 'ambiguous'],
    [['corrupt', 'corrupt', 'corrupt'], 1, 'wrong'],
    [['corrupt', 'corrupt', 'corrupt'], 2, 'failed'],
    [['ok'], 1, 'correct'],
    [['ok', 'ok'], 0, 'failed'],
    [['ok', 'ok'], 3, 'failed'],
    [['ok', 'ok'], NaN, 'failed'],
    [[], 1, 'failed'],
  ];
  it.each(cases)('%j with threshold %d: %s', (members, threshold, outcome) => {
    const v = quorumVote(members, threshold);
    expect(v.outcome).toBe(outcome);
    expect(v.ok + v.corrupt).toBe(members.length);
    expect(v.reason.length).toBeGreaterThan(10);
  });
  it('counts the winning group against the threshold', () => {
    expect(quorumVote(['ok', 'corrupt', 'ok'], 2)).toMatchObject({ ok: 2, corrupt: 1, winnerVotes: 2 });
    expect(quorumVote(['ok', 'corrupt', 'corrupt'], 2)).toMatchObject({ ok: 1, corrupt: 2, winnerVotes: 1 });
  });
});

describe('checkNodeName (QEMU: ^[A-Za-z][A-Za-z0-9_.-]*$, at most 31 bytes)', () => {
  it.each(['libvirt-1-format', 'libvirt-12-storage', 'a', 'node_1.x-y', 'A'.repeat(31)])('%s is legal', (n) => {
    expect(checkNodeName(n)).toEqual({ name: n, legal: true, reasons: [] });
  });
  it.each([
    ['ide0-0-0[1]', /'\[', '\]'/],
    ['vda[1]', /'\['/],
    ['1node', /start with a letter/],
    ['_x', /start with a letter/],
    ['', /empty/],
    ['a b', /a space/],
    ['A'.repeat(32), /32 bytes/],
    ['é', /start with a letter/],
  ])('%s is illegal', (n, why) => {
    const v = checkNodeName(n);
    expect(v.legal).toBe(false);
    expect(v.reasons.join(' ')).toMatch(why);
  });
});

/** The intended operations for each lesson, written here with core ops (independent of the lessons' own demos). */
const INTENDED: Record<string, readonly (readonly LessonAction[])[]> = {
  'backing-chain': [[{ kind: 'read', block: 7 }], [{ kind: 'write', block: 7 }, { kind: 'read', block: 7 }]],
  'node-ids': [
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda' }] })],
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda' }] })],
    [op('commit', { kind: 'commit', top: 'vda[1]', base: 'vda[2]' })],
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda' }] })],
  ],
  'two-numbers': [[{ kind: 'select', address: 'vda[3]' }], [op('convert', { kind: 'convert', dialect: 'proposal' })], [{ kind: 'select', address: 'vda[3]' }]],
  'commit-pull': [
    [op('commit', { kind: 'commit', top: 'vda[3]', base: 'vda[2]' })],
    [op('pull', { kind: 'pull', top: 'vda', base: 'vda[1]' })],
    [op('commit', { kind: 'commit', top: 'vda', base: 'vda[1]' })],
  ],
  'copy-pivot': [
    [op('copy', { kind: 'copy', at: 'vda', dest: '/x/shallow.qcow2', shallow: true })],
    [op('copy', { kind: 'copy', at: 'vda', dest: '/x/full.qcow2' })],
    [op('copy', { kind: 'copy', at: 'vda', dest: '/x/cancelled.qcow2', cancel: true })],
  ],
  'quorum-voting': [
    [{ kind: 'corrupt', member: 2, corrupt: true }, { kind: 'vote' }],
    [{ kind: 'corrupt', member: 0, corrupt: true }, { kind: 'vote' }],
    [op('threshold', { kind: 'threshold', at: 'vda', value: '3' }), { kind: 'corrupt', member: 2, corrupt: false }, { kind: 'vote' }],
  ],
  'quorum-snapshots': [
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda' }] })],
    // After way 1 the quorum is vda[1] and its members vda[2..4] (proposal: positions).
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda[2]' }, { at: 'vda[3]' }, { at: 'vda[4]' }] })],
    [op('snap', { kind: 'snapshot', targets: [{ at: 'vda[4]' }] })], // b's overlay (a's is vda[2], a itself vda[3])
  ],
  'node-names': [[{ kind: 'name', name: 'vda[1]' }], [{ kind: 'name', name: 'my-node' }]],
};

describe('every lesson', () => {
  it('has intended operations in this test and at least one step', () => {
    expect(Object.keys(INTENDED).sort()).toEqual(LESSONS.map((l) => l.id).sort());
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  describe.each(LESSONS.map((l) => [l.id, l] as const))('%s', (_id, l) => {
    it('starts from a document that reads without errors', () => {
      const doc = load(l.start);
      expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('no step is done on the start state', () => {
      const s = stateOf(startWorld(l));
      for (const step of l.steps) expect(step.check(s)).toBe(false);
      expect(advance(l, 0, s)).toBe(0);
    });

    it.each([
      ['the intended operations', INTENDED[l.id]!],
      ['"Do it for me"', l.steps.map((s) => s.demo)],
    ])('each step is false before and true after %s', (_how, perStep) => {
      let w = startWorld(l);
      perStep.forEach((actions, i) => {
        expect(l.steps[i]!.check(stateOf(w)), `step ${i + 1} before`).toBe(false);
        w = performAll(w, actions);
        expect(l.steps[i]!.check(stateOf(w)), `step ${i + 1} after`).toBe(true);
        expect(advance(l, i, stateOf(w)), `advance from step ${i + 1}`).toBe(i + 1);
      });
    });
  });
});

describe('what the lessons teach, in numbers', () => {
  const run = (id: string): World => performAll(startWorld(lesson(id)), INTENDED[id]!.flat());

  it('start documents are in the dialect and guest state their instructions assume', () => {
    const at = (id: string): DomainDoc => load(lesson(id).start);
    expect(at('node-ids')).toMatchObject({ dialect: 'proposal', state: 'running' });
    expect(counterOf(at('node-ids'), 0)).toBe(1);
    expect(at('two-numbers')).toMatchObject({ dialect: 'libvirt', state: 'running' });
    expect(chainIds(at('two-numbers'))).toEqual([6, 4, 3, 1]);
    expect(chainIds(at('commit-pull'))).toEqual([4, 3, 2, 1]);
    expect(chainIds(at('copy-pivot'))).toEqual([2, 1]);
    expect(at('quorum-voting')).toMatchObject({ dialect: 'proposal', state: 'offline' });
    expect(at('quorum-snapshots')).toMatchObject({ dialect: 'proposal', state: 'running' });
    expect(chainIds(at('quorum-snapshots'))).toEqual([3]);
  });

  it('node ids: the counter only grows and the committed id is not reused', () => {
    const w = run('node-ids');
    expect(chainIds(w.doc)).toEqual([3, 2, 0]);
    expect(counterOf(w.doc, 0)).toBe(4);
  });

  it('commit and pull leave the ids behind; copy takes the next one even on cancel', () => {
    expect(chainIds(run('commit-pull').doc)).toEqual([1]);
    const c = run('copy-pivot').doc;
    expect(chainIds(c)).toEqual([4]);
    expect(counterOf(c, 0)).toBe(6);
  });

  it('quorum snapshots: the quorum keeps its id, every overlay takes the next value', () => {
    const w = run('quorum-snapshots');
    expect(chainIds(w.doc)).toEqual([4, 3]);
    expect(counterOf(w.doc, 0)).toBe(9);
  });

  it('checks that read the op messages rely on these wordings (core ops)', () => {
    const l = lesson('commit-pull');
    const d = load(l.start);
    const m = (r: ReturnType<typeof commit>): string => (r.ok ? r.summary.message : r.reason);
    expect(m(commit(d, { top: 'vda[3]', base: 'vda[2]' }))).toMatch(/^Committed/);
    expect(m(pull(d, { top: 'vda', base: 'vda[1]' }))).toMatch(/^Pulled/);
    expect(m(copy(d, { at: 'vda', dest: '/x/y.qcow2', cancel: true }))).toMatch(/^Copied/);
  });
});

describe('advance', () => {
  it('moves over every step already done, and never back', () => {
    const l = lesson('backing-chain');
    let w = performAll(startWorld(l), [{ kind: 'read', block: 7 }, { kind: 'write', block: 7 }, { kind: 'read', block: 7 }]);
    expect(advance(l, 0, stateOf(w))).toBe(2);
    w = { ...w, lab: EMPTY_LAB };
    expect(advance(l, 2, stateOf(w))).toBe(2);
    expect(advance(l, 1, stateOf(w))).toBe(1);
  });

  it('a near miss gets a hint: position 3 is not index 3', () => {
    const l = lesson('two-numbers');
    const w = performAll(startWorld(l), [{ kind: 'select', address: `${IMG}/vm.qcow2` }]);
    expect(l.steps[0]!.check(stateOf(w))).toBe(false);
    expect(l.steps[0]!.hint!(stateOf(w))).toMatch(/position #3, but its index is 1/);
  });
});
