/**
 * Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) in its linear-space form: find the middle snake of an
 * optimal path from both ends, split there, and solve both halves. The
 * halves go on an explicit stack, not the call stack, so no input can run
 * out of stack. The result is a longest common subsequence, so the edit
 * script (every other line removed or added) is as short as any can be.
 *
 * Two cheap steps first, neither of which can make the result longer:
 * lines that occur on only one side can never be matched, so they are set
 * aside before the search (GNU diff does the same), and each subproblem
 * first takes its common prefix and suffix as matches.
 */

/** a[aStart, aStart + length) equals b[bStart, bStart + length). */
export interface Match {
  readonly aStart: number;
  readonly bStart: number;
  readonly length: number;
}

/** The lines of `a` and `b` (small integers below `distinct`) that a shortest edit script keeps, as runs in order. */
export function commonRuns(a: Int32Array, b: Int32Array, distinct: number): Match[] {
  const inA = new Uint8Array(distinct);
  const inB = new Uint8Array(distinct);
  for (const x of a) inA[x] = 1;
  for (const y of b) inB[y] = 1;
  const aIdx = indicesWhere(a, inB);
  const bIdx = indicesWhere(b, inA);
  const fa = Int32Array.from(aIdx, (i) => a[i]!);
  const fb = Int32Array.from(bIdx, (j) => b[j]!);
  const runs = solve(fa, fb);
  return mapBack(runs, aIdx, bIdx);
}

function indicesWhere(side: Int32Array, other: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < side.length; i++) if (other[side[i]!] === 1) out.push(i);
  return Int32Array.from(out);
}

/** Matched runs as flat triples [aStart, bStart, length, ...], in no particular order. */
function solve(a: Int32Array, b: Int32Array): number[] {
  const runs: number[] = [];
  const stack: number[] = [0, a.length, 0, b.length];
  while (stack.length > 0) {
    let bHi = stack.pop()!;
    let bLo = stack.pop()!;
    let aHi = stack.pop()!;
    let aLo = stack.pop()!;
    let p = 0;
    while (aLo + p < aHi && bLo + p < bHi && a[aLo + p] === b[bLo + p]) p++;
    if (p > 0) runs.push(aLo, bLo, p);
    aLo += p;
    bLo += p;
    let s = 0;
    while (aLo < aHi - s && bLo < bHi - s && a[aHi - 1 - s] === b[bHi - 1 - s]) s++;
    if (s > 0) runs.push(aHi - s, bHi - s, s);
    aHi -= s;
    bHi -= s;
    if (aLo === aHi || bLo === bHi) continue;
    const split = middleSnake(a, aLo, aHi, b, bLo, bHi);
    // No split (nothing in common): the rest is removed and added. A split at a corner would
    // not make the problem smaller; the search never returns one, and this keeps the loop finite.
    if (split === null) continue;
    const [x, y] = split;
    if ((x === aLo && y === bLo) || (x === aHi && y === bHi)) continue;
    stack.push(aLo, x, bLo, y, x, aHi, y, bHi);
  }
  return runs;
}

/**
 * A point on a shortest edit path of a[aLo, aHi) -> b[bLo, bHi), found where
 * the furthest-reaching paths from the start and from the end first overlap.
 * Both ends differ (common prefix and suffix were taken). Null when the two
 * have nothing in common.
 */
function middleSnake(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): [number, number] | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const off = maxD;
  const size = 2 * maxD + 2;
  // vf[k]: furthest x on diagonal k (x - y = k) from the start; vb[k]: the same from the end, counted backwards.
  const vf = new Int32Array(size).fill(-1);
  const vb = new Int32Array(size).fill(-1);
  vf[off + 1] = 0;
  vb[off + 1] = 0;
  const delta = n - m;
  // With an odd delta the paths meet during a forward step, with an even one during a backward step.
  const front = (delta & 1) !== 0;
  // Diagonals that ran off the grid are not searched again.
  let fStart = 0;
  let fEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  for (let d = 0; d < maxD; d++) {
    for (let k = -d + fStart; k <= d - fEnd; k += 2) {
      const ko = off + k;
      let x = k === -d || (k !== d && vf[ko - 1]! < vf[ko + 1]!) ? vf[ko + 1]! : vf[ko - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      vf[ko] = x;
      if (x > n) fEnd += 2;
      else if (y > m) fStart += 2;
      else if (front) {
        const kbo = off + delta - k;
        if (kbo >= 0 && kbo < size && vb[kbo] !== -1 && x >= n - vb[kbo]!) return [aLo + x, bLo + y];
      }
    }
    for (let k = -d + bStart; k <= d - bEnd; k += 2) {
      const ko = off + k;
      let x = k === -d || (k !== d && vb[ko - 1]! < vb[ko + 1]!) ? vb[ko + 1]! : vb[ko - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
        x++;
        y++;
      }
      vb[ko] = x;
      if (x > n) bEnd += 2;
      else if (y > m) bStart += 2;
      else if (!front) {
        const kfo = off + delta - k;
        if (kfo >= 0 && kfo < size && vf[kfo] !== -1) {
          const fx = vf[kfo]!;
          const fy = fx - (kfo - off);
          if (fx >= n - x && fx <= n && fy >= 0 && fy <= m) return [aLo + fx, bLo + fy];
        }
      }
    }
  }
  return null;
}

/** Runs in the filtered sequences back to the original line numbers, in order, adjacent ones joined. */
function mapBack(runs: number[], aIdx: Int32Array, bIdx: Int32Array): Match[] {
  const order: number[] = [];
  for (let r = 0; r < runs.length; r += 3) order.push(r);
  order.sort((p, q) => runs[p]! - runs[q]!);
  const out: { aStart: number; bStart: number; length: number }[] = [];
  for (const r of order) {
    const [i, j, len] = [runs[r]!, runs[r + 1]!, runs[r + 2]!];
    for (let t = 0; t < len; t++) {
      const oa = aIdx[i + t]!;
      const ob = bIdx[j + t]!;
      const last = out[out.length - 1];
      if (last && last.aStart + last.length === oa && last.bStart + last.length === ob) last.length++;
      else out.push({ aStart: oa, bStart: ob, length: 1 });
    }
  }
  return out;
}
