/** The lessons (issue 4), in teaching order, and how a lesson moves from step to step. */
import { backingChain, nodeIds, twoNumbers } from './chainLessons';
import { commitPull, copyPivot } from './jobLessons';
import { quorumSnapshots, quorumVoting } from './quorumLessons';
import { nodeNames } from './namesLesson';
import type { Lesson, LessonState } from './types';

export type { BlockMap, LabKind, Lesson, LessonAction, LessonChange, LessonEvent, LessonState, LessonStep } from './types';

export const LESSONS: readonly Lesson[] = [backingChain, nodeIds, twoNumbers, commitPull, copyPivot, quorumVoting, quorumSnapshots, nodeNames];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/**
 * The step the learner is on after `state`: from `step`, every step whose
 * check now holds is done, in order. Steps stay done even if a later edit
 * (an undo) makes their check false again: progress only moves forward.
 */
export function advance(lesson: Lesson, step: number, state: LessonState): number {
  let s = step;
  while (s < lesson.steps.length && lesson.steps[s]!.check(state)) s++;
  return s;
}
