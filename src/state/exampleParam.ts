/**
 * `?example=ID` opens a built-in example in a fresh tab (a link from docs or
 * a lesson: "open the quorum example"). It never replaces restored work: a
 * reload of the same URL finds its session and keeps it.
 */
import { EXAMPLES } from '../core/examples';
import { clearHistory, loadDocument, notify } from './store';

export function openExampleParam(restored: boolean, search: string = globalThis.location?.search ?? ''): void {
  if (restored) return;
  const id = new URLSearchParams(search).get('example');
  if (id === null) return;
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) {
    notify('error', `There is no example "${id}"; the editor shows the default one. Examples: ${EXAMPLES.map((e) => e.id).join(', ')}.`);
    return;
  }
  // The tab's first document, as if it had been the default: nothing to undo back to.
  if (loadDocument(ex.text, ex.title)) clearHistory();
}
