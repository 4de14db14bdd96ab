/**
 * Lessons (issue 4), the parts around the lessons: the glossary every lesson
 * links into, the small markup lesson texts use, and the stored progress
 * (`strata.lessons`), which must shrug off anything corrupt.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../src/core/lessons';
import { GLOSSARY, findTerm } from '../../../src/core/lessons/glossary';
import { parseRich, termsIn } from '../../../src/core/lessons/richText';
import { PROGRESS_FORMAT, defaultProgress, parseProgress, serializeProgress } from '../../../src/core/lessons/progress';

describe('glossary and lesson text', () => {
  const texts = LESSONS.flatMap((l) => [l.summary, l.explanation, ...l.steps.map((s) => s.instruction)]);

  it('every [[term]] a lesson links to is in the glossary, and every "see" too', () => {
    const missing = texts.flatMap(termsIn).filter((t) => !findTerm(t));
    expect(missing).toEqual([]);
    expect(GLOSSARY.flatMap((e) => e.see ?? []).filter((t) => !findTerm(t))).toEqual([]);
  });

  it('defines the words the issue asks for', () => {
    const asked = ['backing chain', 'overlay', 'active layer', 'base', 'position', 'node id', 'counter', 'index', 'quorum', 'threshold', 'snapshot', 'commit', 'pull', 'copy', 'mirror', 'pivot', 'node-name', 'dialect', 'terminated end', 'open end'];
    expect(asked.filter((t) => !findTerm(t))).toEqual([]);
    expect(findTerm('Backing Store')?.term).toBe('backing file');
  });

  it('parses code, bold and term links', () => {
    expect(parseRich('Run `virsh x` on [[the top|active layer]], **now**: [[pivot]].')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'code', text: 'virsh x' },
      { kind: 'text', text: ' on ' },
      { kind: 'term', text: 'the top', term: 'active layer' },
      { kind: 'text', text: ', ' },
      { kind: 'bold', text: 'now' },
      { kind: 'text', text: ': ' },
      { kind: 'term', text: 'pivot', term: 'pivot' },
      { kind: 'text', text: '.' },
    ]);
    expect(parseRich('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
  });
});

describe('progress (strata.lessons)', () => {
  const shapes = LESSONS.map((l) => ({ id: l.id, steps: l.steps.length }));
  const fallback = defaultProgress(shapes);

  it('round-trips', () => {
    const p = { open: true, current: 'node-ids', step: 2, started: true, done: ['backing-chain'] };
    expect(parseProgress(serializeProgress(p), shapes)).toEqual(p);
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['not JSON', '{"format":'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['another format', JSON.stringify({ format: 'x', version: 1 })],
    ['a newer version', JSON.stringify({ format: PROGRESS_FORMAT, version: 2, open: true, current: 'node-ids' })],
  ])('ignores %s', (_what, raw) => {
    expect(parseProgress(raw, shapes)).toEqual(fallback);
  });

  it('drops unknown lessons and clamps steps', () => {
    const raw = JSON.stringify({ format: PROGRESS_FORMAT, version: 1, open: 'yes', current: 'gone', step: 3, started: true, done: ['node-ids', 'gone', 7, 'node-ids'] });
    expect(parseProgress(raw, shapes)).toEqual({ ...fallback, done: ['node-ids'] });
    const big = JSON.stringify({ format: PROGRESS_FORMAT, version: 1, current: 'node-ids', step: 99, started: true, done: 'all' });
    expect(parseProgress(big, shapes)).toMatchObject({ current: 'node-ids', step: 4, started: true, done: [] });
    const neg = JSON.stringify({ format: PROGRESS_FORMAT, version: 1, current: 'node-ids', step: -1.5 });
    expect(parseProgress(neg, shapes).step).toBe(0);
  });
});
