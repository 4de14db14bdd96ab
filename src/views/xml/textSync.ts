/**
 * Model -> text without disturbing the user: the smallest single change
 * (src/core/io/textDiff) that turns the editor's text into the store's,
 * dispatched as one transaction marked `fromStore` so the update listener
 * does not send it back.
 */
import { Annotation } from '@codemirror/state';

/** Marks transactions Strata dispatches itself (text from the store, programmatic cursor moves). */
export const fromStore = Annotation.define<true>();

export { minimalChange, normalizeNewlines } from '../../core/io/textDiff';
