/**
 * The shape of a lesson (issue 4). Pure data and predicates: no React, no
 * DOM, no store. A view reads these and the editor's state; the unit tests
 * run the same lessons with core operations only.
 */
import type { DomainDoc } from '../model/types';
import type { OpRequest } from '../ops/request';

/** The editor's last operation, as the store keeps it (`lastChange`); structurally the store's type. */
export interface LessonChange {
  readonly label: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly message: string;
}

/** Where a simulated read ended. */
export type ReadOutcome = 'found' | 'zeros' | 'probe' | 'quorum';
/** What a quorum read returned (see `quorumVote`). */
export type VoteOutcome = 'correct' | 'ambiguous' | 'wrong' | 'failed';

/**
 * Things the learner did in the lesson panel (not operations on the
 * document): they leave no trace in the XML, so a check can only see them here.
 */
export type LessonEvent =
  | { readonly type: 'read-block'; readonly block: number; readonly outcome: ReadOutcome; readonly servedAt: number | null }
  | { readonly type: 'write-block'; readonly block: number; readonly layers: number }
  | { readonly type: 'quorum-read'; readonly threshold: number; readonly ok: number; readonly corrupt: number; readonly outcome: VoteOutcome }
  | { readonly type: 'name-check'; readonly name: string; readonly legal: boolean };

/** Everything a step's check may look at. */
export interface LessonState {
  readonly doc: DomainDoc;
  readonly lastChange: LessonChange | null;
  readonly events: readonly LessonEvent[];
  /** The selected node's uid (the editor's selection). */
  readonly selected: string | null;
}

/**
 * One thing "Do it for me" does, in order. `op` is a registered operation
 * run through the editor's gateway (one undo step, recorded in What happened,
 * exactly as the menu runs it); a function works the request out from the
 * document when the action runs (or says why it cannot). The others are the
 * lesson panel's own buttons. Addresses resolve in the document's dialect.
 */
export type LessonAction =
  | { readonly kind: 'op'; readonly request: OpRequest | ((doc: DomainDoc) => OpRequest | string) }
  | { readonly kind: 'select'; readonly address: string }
  | { readonly kind: 'read'; readonly block: number }
  | { readonly kind: 'write'; readonly block: number }
  /** Marks quorum member `member` (0-based, document order) corrupt or healthy. */
  | { readonly kind: 'corrupt'; readonly member: number; readonly corrupt: boolean }
  | { readonly kind: 'vote' }
  | { readonly kind: 'name'; readonly name: string };

export interface LessonStep {
  /** What to do. Rich text: `code` and [[glossary term]] or [[shown text|term]]. */
  readonly instruction: string;
  /** True once the learner has done it. False on the state the step starts from. */
  readonly check: (s: LessonState) => boolean;
  /** Why the check is not met yet, when something specific can be said (a near miss). */
  readonly hint?: (s: LessonState) => string | null;
  /** "Do it for me": the intended actions (also what a teacher clicks to demonstrate). */
  readonly demo: readonly LessonAction[];
}

/** Bench widgets the panel shows for a lesson. */
export type LabKind = 'blocks' | 'vote' | 'names';

/** Which blocks each layer holds, by the layer's source (path); a raw layer holds every block. */
export type BlockMap = Readonly<Record<string, readonly number[]>>;

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** One sentence: what the lesson is about (shown before it starts). */
  readonly summary: string;
  /** The document the lesson starts from. */
  readonly start: string;
  readonly lab: LabKind | null;
  /** Lab 'blocks': what each layer holds at the start, and the block the buttons use first. */
  readonly blocks?: BlockMap;
  readonly block?: number;
  readonly steps: readonly LessonStep[];
  /** Shown once every step is done: what happened and why. Rich text. */
  readonly explanation: string;
}
