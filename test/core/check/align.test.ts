/** The alignment of two chains by path (align.ts), on keys alone: the cases whose order matters. */
import { describe, expect, it } from 'vitest';
import { align } from '../../../src/core/check/align';

const kinds = (xs: string[], ts: string[], end: 'open' | 'terminated' = 'terminated'): string[] =>
  align(xs, ts, end).map((s) => (s.kind === 'pair' ? `=${xs[s.x]}` : s.kind === 'missing' ? `+${ts[s.t]}${s.first ? '' : '…'}` : `-${xs[s.x]}${s.tail ? '$' : ''}`));

describe('align', () => {
  it('equal chains pair layer by layer', () => {
    expect(kinds(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual(['=a', '=b', '=c']);
  });
  it('a missing middle layer is one missing layer, the rest still pairs', () => {
    expect(kinds(['a', 'c'], ['a', 'b', 'c'])).toEqual(['=a', '+b', '=c']);
  });
  it('two missing layers in a run: the first is marked as the top of the run', () => {
    expect(kinds(['a'], ['a', 'b', 'c'])).toEqual(['=a', '+b', '+c…']);
  });
  it('an extra middle layer, and an extra tail when the tools say the chain ends', () => {
    expect(kinds(['a', 'x', 'b'], ['a', 'b'])).toEqual(['=a', '-x', '=b']);
    expect(kinds(['a', 'b', 'x'], ['a', 'b'])).toEqual(['=a', '=b', '-x$']);
  });
  it('XML layers below an open tools chain are not extra: the tool could not see them', () => {
    expect(kinds(['a', 'b', 'c'], ['a'], 'open')).toEqual(['=a']);
  });
  it('a path found on neither side is the same layer with another path', () => {
    expect(kinds(['a', 'moved', 'c'], ['a', 'b', 'c'])).toEqual(['=a', '=moved', '=c']);
  });
  it('the tops pair even when their paths differ (they are the same disk)', () => {
    expect(kinds(['t1', 'b'], ['t2', 'b'])).toEqual(['=t1', '=b']);
  });
});
