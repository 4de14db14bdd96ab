/**
 * Lessons mode state: which lesson and step, the bench ("lab") the panel's
 * buttons drive, the animation to play, and the glossary. Separate from the
 * editor store on purpose: nothing here is part of the document or its undo
 * history. Documents change only through the editor's gateway (`loadDocument`,
 * `perform`, through the registry). Progress is kept in localStorage under `strata.lessons`.
 */
import { create } from 'zustand';
import type { NodeView } from '../../core/numbers/derive';
import { LESSONS, advance } from '../../core/lessons';
import type { Lesson, LessonState } from '../../core/lessons';
import { EMPTY_LAB, labName, labRead, labSetCorrupt, labVote, labWrite } from '../../core/lessons/lab';
import type { Lab } from '../../core/lessons/lab';
import type { MemberState, NameVerdict, ReadTrace, Vote } from '../../core/lessons/simulate';
import { PROGRESS_KEY, parseProgress, serializeProgress } from '../../core/lessons/progress';
import type { Progress } from '../../core/lessons/progress';
import { loadDocument, useEditor } from '../../state/store';

/** One bench action to animate; `seq` grows so the same action twice still replays. */
export type Anim =
  | { readonly seq: number; readonly kind: 'read'; readonly trace: ReadTrace }
  | { readonly seq: number; readonly kind: 'write'; readonly block: number; readonly layers: readonly NodeView[] }
  | { readonly seq: number; readonly kind: 'vote'; readonly vote: Vote; readonly members: readonly NodeView[]; readonly states: readonly MemberState[] };

export interface Status {
  readonly kind: 'hint' | 'error';
  readonly text: string;
}

export interface LessonsState extends Progress {
  readonly lab: Lab;
  readonly anim: Anim | null;
  readonly verdict: NameVerdict | null;
  /** A line under the step: why "Check" found it not done yet, or why "Do it for me" failed. */
  readonly status: Status | null;
  /** "Do it for me" is playing. */
  readonly busy: boolean;
  readonly glossary: { readonly open: boolean; readonly term: string | null; readonly seq: number };
}

const SHAPES = LESSONS.map((l) => ({ id: l.id, steps: l.steps.length }));

function readStored(): Progress {
  try {
    return parseProgress(window.localStorage.getItem(PROGRESS_KEY), SHAPES);
  } catch {
    // Storage can be unavailable (privacy modes): lessons still work, without memory.
    return parseProgress(null, SHAPES);
  }
}

const freshLab = (l: Lesson | undefined): Lab => ({ ...EMPTY_LAB, blocks: l?.blocks ?? {} });

const stored = readStored();

export const useLessons = create<LessonsState>()(() => ({
  ...stored,
  lab: freshLab(LESSONS.find((l) => l.id === stored.current)),
  anim: null,
  verdict: null,
  status: null,
  busy: false,
  glossary: { open: false, term: null, seq: 0 },
}));

const set = (patch: Partial<LessonsState>): void => useLessons.setState(patch);
const get = (): LessonsState => useLessons.getState();

// Persist progress whenever it changes (not the lab: a reload starts the bench afresh).
let lastSaved = serializeProgress(stored);
useLessons.subscribe((s) => {
  const text = serializeProgress({ open: s.open, current: s.current, step: s.step, started: s.started, done: s.done });
  if (text === lastSaved) return;
  lastSaved = text;
  try {
    window.localStorage.setItem(PROGRESS_KEY, text);
  } catch {
    // Full or unavailable storage: progress is simply not remembered.
  }
});

export function currentLesson(s: Pick<LessonsState, 'current'> = get()): Lesson {
  return LESSONS.find((l) => l.id === s.current) ?? LESSONS[0]!;
}

export function lessonIndex(s: Pick<LessonsState, 'current'> = get()): number {
  return Math.max(0, LESSONS.findIndex((l) => l.id === s.current));
}

// ---- lessons mode and glossary ----------------------------------------------------------

export function setLessonsOpen(open: boolean): void {
  set({ open });
}

export function toggleLessons(): void {
  set({ open: !get().open });
}

/** Opens the glossary, at `term` when given (a term or an alias, any case). */
export function openGlossary(term?: string): void {
  const g = get().glossary;
  set({ glossary: { open: true, term: term ?? null, seq: g.seq + 1 } });
}

export function closeGlossary(): void {
  set({ glossary: { ...get().glossary, open: false } });
}

// ---- moving between lessons ---------------------------------------------------------------

/**
 * Starts lesson `index` from its first step: loads its document through the
 * editor's gateway (one undo step, so Undo brings the learner's own document
 * back). Returns false when the editor refused (unapplied broken XML).
 */
export function startLesson(index: number): boolean {
  const lesson = LESSONS[Math.max(0, Math.min(LESSONS.length - 1, index))]!;
  const reset = { current: lesson.id, step: 0, lab: freshLab(lesson), anim: null, verdict: null, busy: false };
  if (!loadDocument(lesson.start, `Lesson: ${lesson.title}`)) {
    set({ ...reset, started: false, status: { kind: 'error', text: 'The editor has unapplied XML with errors; fix or undo it, then start the lesson again.' } });
    return false;
  }
  set({ ...reset, started: true, status: null });
  return true;
}

export const nextLesson = (): boolean => startLesson(lessonIndex() + 1);
export const previousLesson = (): boolean => startLesson(lessonIndex() - 1);
/** Reset: the current lesson again from its start document. */
export const resetLesson = (): boolean => startLesson(lessonIndex());

/** Forgets every completed lesson (the panel asks first). */
export function forgetProgress(): void {
  set({ done: [], step: 0, started: false, current: LESSONS[0]!.id, lab: freshLab(LESSONS[0]), anim: null, verdict: null, status: null });
}

// ---- checking -----------------------------------------------------------------------------

/** The auto-check: moves past every step now done. Returns true when it moved. */
export function evaluate(state: LessonState): boolean {
  const s = get();
  const lesson = currentLesson(s);
  if (!s.started || s.step >= lesson.steps.length) return false;
  const step = advance(lesson, s.step, state);
  if (step === s.step) return false;
  const complete = step >= lesson.steps.length && !s.done.includes(lesson.id);
  set({ step, status: null, done: complete ? [...s.done, lesson.id] : s.done });
  return true;
}

/** The "Check" button: like the auto-check, but says why not when the step is not done. */
export function checkNow(state: LessonState): void {
  if (evaluate(state)) return;
  const s = get();
  const step = currentLesson(s).steps[s.step];
  if (!step) return;
  const hint = step.hint?.(state) ?? null;
  set({ status: { kind: 'hint', text: `Not yet. ${hint ?? 'Follow the instruction above, or press "Do it for me".'}` } });
}

export function setStatus(status: Status | null): void {
  set({ status });
}

export function setBusy(busy: boolean): void {
  set({ busy });
}

// ---- the bench ---------------------------------------------------------------------------

const doc = () => useEditor.getState().doc;
const nextSeq = (): number => (get().anim?.seq ?? 0) + 1;

export function readBlock(block: number): ReadTrace {
  const { lab, trace } = labRead(doc(), get().lab, block);
  set({ lab, anim: { seq: nextSeq(), kind: 'read', trace } });
  return trace;
}

export function writeBlock(block: number): void {
  const { lab, layers } = labWrite(doc(), get().lab, block);
  set({ lab, anim: { seq: nextSeq(), kind: 'write', block, layers } });
}

export function setCorrupt(uid: string, corrupt: boolean): void {
  set({ lab: labSetCorrupt(get().lab, uid, corrupt) });
}

/** A quorum read; false when the disk has no quorum. */
export function quorumRead(): boolean {
  const r = labVote(doc(), get().lab);
  if (!r) return false;
  set({ lab: r.lab, anim: { seq: nextSeq(), kind: 'vote', vote: r.vote, members: r.members, states: r.states } });
  return true;
}

export function checkName(name: string): NameVerdict {
  const { lab, verdict } = labName(get().lab, name);
  set({ lab, verdict });
  return verdict;
}
