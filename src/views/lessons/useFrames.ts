/**
 * Frame stepping for the bench animations, and the graph highlight that
 * follows them. A component that animates is keyed by the animation's `seq`,
 * so each new animation mounts afresh and starts at frame 0.
 */
import { useEffect, useState } from 'react';
import { setHighlight } from '../../state/store';
import { FRAME_MS, prefersReducedMotion } from './perform';

/** The current frame, 0..count-1; stays on the last. With reduced motion it starts there. */
export function useFrames(count: number): number {
  const [frame, setFrame] = useState(() => (prefersReducedMotion() ? Math.max(0, count - 1) : 0));
  useEffect(() => {
    if (frame >= count - 1) return;
    const t = window.setTimeout(() => setFrame((f) => f + 1), FRAME_MS);
    return () => window.clearTimeout(t);
  }, [frame, count]);
  return frame;
}

/** Lights these graph nodes while the caller shows them; clears the light when it goes away. */
export function useGraphLight(uids: readonly string[], reason: string): void {
  const key = uids.join(' ');
  useEffect(() => {
    setHighlight(key === '' ? null : { uids: key.split(' '), reason });
  }, [key, reason]);
  useEffect(() => () => setHighlight(null), []);
}
