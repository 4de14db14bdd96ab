/**
 * Lessons mode: the current lesson, its steps (checked automatically as the
 * learner works, or on "Check"), the bench for lessons that have one, the
 * explanation once done, and navigation with progress dots. Operations are
 * done in the editor itself (graph, toolbar); "Do it for me" runs the same
 * operation through the editor's gateway for learners and teachers.
 */
import { useEffect, useMemo, useRef } from 'react';
import { LESSONS } from '../../core/lessons';
import type { Lesson, LessonState } from '../../core/lessons';
import { useEditor } from '../../state/store';
import { derive } from '../../core/numbers/derive';
import { JobControls } from '../ops/JobControls';
import { BlockLab } from './BlockLab';
import { NameLab } from './NameLab';
import { RichText } from './RichText';
import { VoteLab } from './VoteLab';
import {
  checkNow,
  currentLesson,
  evaluate,
  forgetProgress,
  lessonIndex,
  nextLesson,
  openGlossary,
  previousLesson,
  resetLesson,
  startLesson,
  useLessons,
} from './lessonStore';
import { doItForMe, prefersReducedMotion } from './perform';
import './lessons.css';

/** The state every check reads, and the auto-check that runs whenever it changes. */
function useAutoCheck(): LessonState {
  const doc = useEditor((s) => s.doc);
  const lastChange = useEditor((s) => s.lastChange);
  const selected = useEditor((s) => s.selection?.uid ?? null);
  const events = useLessons((s) => s.lab.events);
  const current = useLessons((s) => s.current);
  const started = useLessons((s) => s.started);
  const state = useMemo(() => ({ doc, lastChange, events, selected }), [doc, lastChange, events, selected]);
  useEffect(() => {
    evaluate(state);
  }, [state, current, started]);
  return state;
}

function Dots({ index }: { index: number }) {
  const done = useLessons((s) => s.done);
  return (
    <ol className="ls-dots" aria-label="Progress">
      {LESSONS.map((l, i) => {
        const isDone = done.includes(l.id);
        return (
          <li key={l.id}>
            <button
              type="button"
              className={`ls-dot${isDone ? ' ls-dot-done' : ''}${i === index ? ' ls-dot-current' : ''}`}
              aria-label={`Lesson ${i + 1}: ${l.title}${isDone ? ' (done)' : ''}`}
              aria-current={i === index ? 'step' : undefined}
              title={`${i + 1}. ${l.title}${isDone ? ' ✓' : ''}`}
              onClick={() => startLesson(i)}
            />
          </li>
        );
      })}
    </ol>
  );
}

function Bench({ lesson }: { lesson: Lesson }) {
  if (lesson.lab === 'blocks') return <BlockLab key={lesson.id} lesson={lesson} />;
  if (lesson.lab === 'vote') return <VoteLab />;
  if (lesson.lab === 'names') return <NameLab />;
  return null;
}

function Steps({ lesson, state }: { lesson: Lesson; state: LessonState }) {
  const step = useLessons((s) => s.step);
  const status = useLessons((s) => s.status);
  const busy = useLessons((s) => s.busy);
  return (
    <ol className="ls-steps">
      {lesson.steps.map((st, i) => {
        const cls = i < step ? 'ls-step ls-step-done' : i === step ? 'ls-step ls-step-current' : 'ls-step ls-step-later';
        return (
          <li key={i} className={cls} aria-current={i === step ? 'step' : undefined}>
            <span className="ls-step-mark" aria-label={i < step ? 'done' : i === step ? 'to do' : 'later'}>
              {i < step ? '✓' : i + 1}
            </span>
            <div className="ls-step-body">
              <p>
                <RichText text={st.instruction} />
              </p>
              {i === step && (
                <>
                  <div className="ls-step-actions">
                    <button type="button" onClick={() => checkNow(state)} disabled={busy}>Check</button>
                    <button type="button" onClick={() => void doItForMe(st)} disabled={busy} title="Runs the operation through the editor, as the menus would">
                      Do it for me
                    </button>
                    <span className="ls-auto">checked automatically as you work</span>
                  </div>
                  {status && (
                    <p className={`ls-status ls-status-${status.kind}`} role="status">
                      {status.text}
                    </p>
                  )}
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Shown once every step is done, with the way on in the box itself (the
 * footer's Next may be below the fold); scrolls itself into view, since the
 * learner's eyes are on the graph or the bench.
 */
function Explanation({ lesson, last }: { lesson: Lesson; last: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, []);
  return (
    <div className="ls-explain" ref={ref}>
      <p className="ls-complete" role="status">✓ Lesson complete</p>
      <p>
        <RichText text={lesson.explanation} />
      </p>
      {last ? (
        <p className="ls-note">That was the last lesson: every chain operation and the quorum's vote. Your own document is one Undo away.</p>
      ) : (
        <button type="button" className="ls-primary ls-next" onClick={nextLesson}>
          Next lesson: {LESSONS[LESSONS.findIndex((l) => l.id === lesson.id) + 1]?.title} →
        </button>
      )}
    </div>
  );
}

/** A job waiting for the learner (a copy ready to pivot): its controls here, beside the step that asks for them. */
function WaitingJob() {
  const doc = useEditor((s) => s.doc);
  const derived = derive(doc);
  const jobs = derived.disks.filter((d) => d.mirror);
  if (jobs.length === 0) return null;
  return (
    <div className="ls-job">
      {jobs.map((d) => (
        <JobControls key={d.uid} derived={derived} disk={d.index} onDone={() => undefined} />
      ))}
    </div>
  );
}

export function LessonsPanel() {
  const current = useLessons((s) => s.current);
  const started = useLessons((s) => s.started);
  const step = useLessons((s) => s.step);
  const status = useLessons((s) => s.status);
  const lesson = currentLesson({ current });
  const index = lessonIndex({ current });
  const state = useAutoCheck();
  const complete = started && step >= lesson.steps.length;

  return (
    <section className="lessons" role="region" aria-label="Lessons">
      <header className="ls-head">
        <div className="ls-kicker">
          Lesson {index + 1} of {LESSONS.length}
        </div>
        <h2 className="ls-title">{lesson.title}</h2>
        <Dots index={index} />
      </header>

      {!started ? (
        <div className="ls-intro">
          <p>
            <RichText text={lesson.summary} />
          </p>
          <button type="button" className="ls-primary" onClick={() => startLesson(index)}>Start lesson</button>
          <p className="ls-note">Loads the lesson's document into the editor; Undo brings yours back.</p>
          {status && (
            <p className={`ls-status ls-status-${status.kind}`} role="status">
              {status.text}
            </p>
          )}
        </div>
      ) : (
        <>
          <Steps lesson={lesson} state={state} />
          <WaitingJob />
          {complete && <Explanation key={lesson.id} lesson={lesson} last={index === LESSONS.length - 1} />}
          <Bench lesson={lesson} />
        </>
      )}

      <footer className="ls-nav">
        <button type="button" onClick={previousLesson} disabled={index === 0}>Previous</button>
        <button type="button" onClick={resetLesson} title="Start this lesson again from its document">Reset</button>
        <button type="button" className={complete ? 'ls-primary' : ''} onClick={nextLesson} disabled={index === LESSONS.length - 1}>
          Next
        </button>
        <span className="ls-spacer" />
        <button type="button" className="ls-link" onClick={() => openGlossary()}>Glossary</button>
        <button
          type="button"
          className="ls-link"
          onClick={() => {
            if (window.confirm('Forget which lessons you completed?')) forgetProgress();
          }}
        >
          Forget progress
        </button>
      </footer>
    </section>
  );
}
