/**
 * The line diff of two texts as `diff -u` groups it: hunks of changed lines
 * with up to `context` unchanged lines around them, hunks whose context
 * would touch or overlap joined into one. Pure: the Changes view and the
 * unified text both read this.
 */
import { internLines, splitLines } from './lines';
import type { SplitText } from './lines';
import { commonRuns } from './myers';

export type DiffLineKind = 'context' | 'removed' | 'added';

export interface DiffLine {
  readonly kind: DiffLineKind;
  readonly text: string;
  /** 1-based line number in the old text (null for an added line). */
  readonly oldLine: number | null;
  /** 1-based line number in the new text (null for a removed line). */
  readonly newLine: number | null;
  /** The text's last line, without a line end. */
  readonly noEol: boolean;
}

export interface Hunk {
  /** 1-based first old line of the hunk; for an empty old range, the line it comes after plus one. */
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  readonly lines: readonly DiffLine[];
}

export interface LineDiff {
  readonly hunks: readonly Hunk[];
  readonly added: number;
  readonly removed: number;
  readonly oldLines: number;
  readonly newLines: number;
}

export const DEFAULT_CONTEXT = 3;

/** One step of the edit script; `a` and `b` are 0-based cursors into both sides (the next line of each). */
interface Step {
  readonly kind: DiffLineKind;
  readonly a: number;
  readonly b: number;
}

export function lineDiff(oldText: string, newText: string, context: number = DEFAULT_CONTEXT): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const steps = editScript(a, b);
  let added = 0;
  let removed = 0;
  for (const s of steps) {
    if (s.kind === 'added') added++;
    else if (s.kind === 'removed') removed++;
  }
  const hunks = added + removed === 0 ? [] : group(steps, a, b, Math.max(0, Math.floor(context)));
  return { hunks, added, removed, oldLines: a.lines.length, newLines: b.lines.length };
}

function editScript(a: SplitText, b: SplitText): Step[] {
  const ids = internLines(a, b);
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  // Removed lines before added ones at each change, as diff -u prints them.
  const gap = (toA: number, toB: number): void => {
    for (; i < toA; i++) steps.push({ kind: 'removed', a: i, b: j });
    for (; j < toB; j++) steps.push({ kind: 'added', a: i, b: j });
  };
  for (const run of commonRuns(ids.a, ids.b, ids.distinct)) {
    gap(run.aStart, run.bStart);
    for (let t = 0; t < run.length; t++, i++, j++) steps.push({ kind: 'context', a: i, b: j });
  }
  gap(a.lines.length, b.lines.length);
  return steps;
}

function group(steps: readonly Step[], a: SplitText, b: SplitText, context: number): Hunk[] {
  const hunks: Hunk[] = [];
  const n = steps.length;
  let i = 0;
  while (i < n) {
    if (steps[i]!.kind === 'context') {
      i++;
      continue;
    }
    // The previous hunk ended more than `context` steps before this change, so its lines are not repeated.
    const start = Math.max(0, i - context);
    let j = i;
    for (;;) {
      while (j < n && steps[j]!.kind !== 'context') j++;
      let k = j;
      while (k < n && steps[k]!.kind === 'context') k++;
      // The next change is close enough that the two contexts would meet: one hunk.
      if (k < n && k - j <= 2 * context) j = k;
      else break;
    }
    const end = Math.min(n, j + context);
    hunks.push(hunkOf(steps, start, end, a, b));
    i = end;
  }
  return hunks;
}

function hunkOf(steps: readonly Step[], start: number, end: number, a: SplitText, b: SplitText): Hunk {
  const lines: DiffLine[] = [];
  let oldCount = 0;
  let newCount = 0;
  const lastA = a.eolAtEnd ? -1 : a.lines.length - 1;
  const lastB = b.eolAtEnd ? -1 : b.lines.length - 1;
  for (let s = start; s < end; s++) {
    const st = steps[s]!;
    if (st.kind === 'added') {
      newCount++;
      lines.push({ kind: 'added', text: b.lines[st.b]!, oldLine: null, newLine: st.b + 1, noEol: st.b === lastB });
    } else {
      oldCount++;
      if (st.kind === 'context') newCount++;
      const newLine = st.kind === 'context' ? st.b + 1 : null;
      lines.push({ kind: st.kind, text: a.lines[st.a]!, oldLine: st.a + 1, newLine, noEol: st.a === lastA });
    }
  }
  const first = steps[start]!;
  return { oldStart: first.a + 1, oldCount, newStart: first.b + 1, newCount, lines };
}
