/**
 * The smallest single edit between two texts, for model -> text sync: the
 * editor replaces only what changed, so the user's cursor, selection, folds
 * and undo history outside it stay where they were (the XML pane applies it
 * as one CodeMirror change). A common prefix and suffix, never splitting a
 * UTF-16 surrogate pair, so the edit is always whole characters.
 */

export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** "\r\n" and "\r" as "\n": CodeMirror keeps "\n" only, so compare and insert in that form. */
export function normalizeNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The common prefix/suffix edit of `from` -> `to`, or null when they are equal. */
export function minimalChange(from: string, to: string): TextEdit | null {
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
