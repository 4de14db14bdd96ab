/**
 * Lesson progress as stored under `strata.lessons`: versioned JSON. Reading
 * never throws: corrupt, foreign or newer data, unknown lesson ids and
 * out-of-range steps fall back to defaults, so a bad value costs the learner
 * their ticks at worst, never the editor.
 */
export const PROGRESS_KEY = 'strata.lessons';
export const PROGRESS_FORMAT = 'strata-lessons';
export const PROGRESS_VERSION = 1;

export interface Progress {
  /** The lessons panel is showing (lessons mode). */
  readonly open: boolean;
  /** The lesson on screen, by id. */
  readonly current: string;
  /** Its next step to do (= its step count when it is complete). */
  readonly step: number;
  /** Its start document was loaded; until then the panel offers "Start". */
  readonly started: boolean;
  /** Lessons completed, by id, in the order they were completed. */
  readonly done: readonly string[];
}

/** What the checks need to know about the lessons that exist. */
export interface LessonShape {
  readonly id: string;
  readonly steps: number;
}

export function defaultProgress(lessons: readonly LessonShape[]): Progress {
  return { open: false, current: lessons[0]?.id ?? '', step: 0, started: false, done: [] };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseProgress(raw: string | null, lessons: readonly LessonShape[]): Progress {
  const fallback = defaultProgress(lessons);
  if (raw === null || raw === '') return fallback;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return fallback;
  }
  if (!isObj(v) || v.format !== PROGRESS_FORMAT || v.version !== PROGRESS_VERSION) return fallback;
  const known = new Map(lessons.map((l) => [l.id, l.steps]));
  const current = typeof v.current === 'string' && known.has(v.current) ? v.current : fallback.current;
  const steps = known.get(current) ?? 0;
  const rawStep = v.current === current ? v.step : 0;
  const step = typeof rawStep === 'number' && Number.isInteger(rawStep) && rawStep >= 0 ? Math.min(rawStep, steps) : 0;
  const done = Array.isArray(v.done) ? [...new Set(v.done.filter((d): d is string => typeof d === 'string' && known.has(d)))] : [];
  return { open: v.open === true, current, step, started: v.started === true && v.current === current, done };
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, ...p });
}
