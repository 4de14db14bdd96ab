/**
 * "Do it for me": runs a step's demo actions in the editor, one after the
 * other. Operations go through the editor's gateway (`perform`, one undo step
 * each, exactly as if the learner had used the menu); bench actions press the
 * panel's own buttons, and the next action waits until the animation ends so
 * a write and the read after it are both seen.
 */
import type { LessonAction, LessonStep } from '../../core/lessons';
import { quorumOf } from '../../core/lessons/simulate';
import { resolveAddress } from '../../core/numbers/address';
import { perform, select, useEditor } from '../../state/store';
import { requestOf } from '../../core/lessons/lab';
import type { Anim } from './lessonStore';
import { checkName, quorumRead, readBlock, setBusy, setCorrupt, setStatus, useLessons, writeBlock } from './lessonStore';

/** One frame of a bench animation. */
export const FRAME_MS = 480;

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** How many frames an animation has (its last frame is the result, held). */
export function framesOf(anim: Anim): number {
  if (anim.kind === 'read') return anim.trace.visited.length + 1;
  if (anim.kind === 'write') return 2;
  return anim.members.length + 1;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));

/** Does one action; returns why it could not be done, or null. */
function act(a: LessonAction): string | null {
  const doc = useEditor.getState().doc;
  switch (a.kind) {
    case 'op': {
      const req = requestOf(a, doc);
      return typeof req === 'string' ? req : perform(req);
    }
    case 'select': {
      const r = resolveAddress(doc, a.address);
      if (!r.ok) return r.message;
      select(r.value.node.uid, 'op');
      return null;
    }
    case 'read':
      readBlock(a.block);
      return null;
    case 'write':
      writeBlock(a.block);
      return null;
    case 'corrupt': {
      const m = quorumOf(doc, 0)?.members[a.member];
      if (!m) return `The disk's quorum has no member ${a.member + 1}.`;
      setCorrupt(m.uid, a.corrupt);
      return null;
    }
    case 'vote':
      return quorumRead() ? null : 'The disk has no quorum to read from.';
    case 'name':
      checkName(a.name);
      return null;
  }
}

export async function doItForMe(step: LessonStep): Promise<void> {
  if (useLessons.getState().busy) return;
  setBusy(true);
  setStatus(null);
  try {
    for (let i = 0; i < step.demo.length; i++) {
      const before = useLessons.getState().anim;
      const why = act(step.demo[i]!);
      if (why !== null) {
        setStatus({ kind: 'error', text: `"Do it for me" stopped: ${why}` });
        return;
      }
      const anim = useLessons.getState().anim;
      const last = i === step.demo.length - 1;
      if (!last && anim !== null && anim !== before && !prefersReducedMotion()) await sleep(framesOf(anim) * FRAME_MS);
    }
  } finally {
    setBusy(false);
  }
}
