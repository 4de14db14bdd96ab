/**
 * Lines up the XML's chain with the tools' chain, layer by layer. Tops
 * always pair (they are the same disk). Below, layers pair while their paths
 * agree; where they do not, a path found further down the other chain means
 * the layers skipped to reach it are missing (or extra), and a path found in
 * neither is the same layer with a different path. This reports one missing
 * middle layer as one missing layer, not as every path below it differing.
 */
import type { ChainEnd } from '../model/types';

export type Step =
  | { readonly kind: 'pair'; readonly x: number; readonly t: number }
  /** Tools layer `t` is not in the XML; it belongs below XML layer `above`. `first`: the top of a run of missing layers. */
  | { readonly kind: 'missing'; readonly t: number; readonly above: number; readonly first: boolean; readonly tail: boolean }
  /** XML layer `x` is not in the tools' chain. `first`: the top of a run; `tail`: the run reaches the XML chain's end. */
  | { readonly kind: 'extra'; readonly x: number; readonly first: boolean; readonly tail: boolean };

function indexFrom(keys: readonly (string | null)[], key: string | null, from: number): number {
  if (key === null) return -1;
  for (let i = from; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

/**
 * `xs`, `ts`: the layers' keys, top first. `toolEnd`: how the tools' chain
 * ends; XML layers below an open tools chain are not extra (the tool could
 * not see that far, e.g. domblklist shows tops only).
 */
export function align(xs: readonly (string | null)[], ts: readonly (string | null)[], toolEnd: ChainEnd): Step[] {
  const out: Step[] = [];
  if (xs.length === 0 || ts.length === 0) return out;
  out.push({ kind: 'pair', x: 0, t: 0 });
  let i = 1;
  let j = 1;
  const missing = (from: number, to: number, tail: boolean): void => {
    for (let k = from; k < to; k++) out.push({ kind: 'missing', t: k, above: i - 1, first: k === from, tail });
  };
  const extra = (from: number, to: number, tail: boolean): void => {
    for (let k = from; k < to; k++) out.push({ kind: 'extra', x: k, first: k === from, tail });
  };
  while (i < xs.length && j < ts.length) {
    if (xs[i] !== null && xs[i] === ts[j]) {
      out.push({ kind: 'pair', x: i++, t: j++ });
      continue;
    }
    const xAt = indexFrom(xs, ts[j]!, i + 1);
    const tAt = indexFrom(ts, xs[i]!, j + 1);
    // When both are found further down, the shorter skip is the likelier story.
    if (xAt >= 0 && (tAt < 0 || xAt - i <= tAt - j)) {
      extra(i, xAt, false);
      i = xAt;
    } else if (tAt >= 0) {
      missing(j, tAt, false);
      j = tAt;
    } else out.push({ kind: 'pair', x: i++, t: j++ });
  }
  if (i < xs.length && toolEnd === 'terminated') extra(i, xs.length, true);
  if (j < ts.length) missing(j, ts.length, true);
  return out;
}
