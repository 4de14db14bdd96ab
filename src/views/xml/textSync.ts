/**
 * Model -> text without disturbing the user: the smallest single change that
 * turns the editor's text into the store's, dispatched as one transaction
 * marked `fromStore` so the update listener does not send it back.
 */
import { Annotation } from '@codemirror/state';
import type { ChangeSpec } from '@codemirror/state';

/** Marks transactions Strata dispatches itself (text from the store, programmatic cursor moves). */
export const fromStore = Annotation.define<true>();

/** CodeMirror keeps "\n" line breaks only; compare and insert in that form. */
export function normalizeNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The common prefix/suffix diff of `from` -> `to`, or null when they are equal. */
export function minimalChange(from: string, to: string): ChangeSpec | null {
  if (from === to) return null;
  const max = Math.min(from.length, to.length);
  let pre = 0;
  while (pre < max && from.charCodeAt(pre) === to.charCodeAt(pre)) pre++;
  // Never split a surrogate pair.
  if (pre > 0 && isHighSurrogate(from.charCodeAt(pre - 1))) pre--;
  let suf = 0;
  const room = max - pre;
  while (suf < room && from.charCodeAt(from.length - 1 - suf) === to.charCodeAt(to.length - 1 - suf)) suf++;
  if (suf > 0 && isLowSurrogate(from.charCodeAt(from.length - suf))) suf--;
  return { from: pre, to: from.length - suf, insert: to.slice(pre, to.length - suf) };
}
