/**
 * A text as lines for the line diff. Line ends are "\n", "\r\n" or "\r", as
 * CodeMirror counts them, so a line number here is the line the XML pane
 * shows; which ending a line had is not compared (the pane shows only "\n"
 * and a file opened with CRLF would otherwise differ on every line).
 */

export interface SplitText {
  readonly lines: readonly string[];
  /** False when the last line has no line end (`diff -u` then says "\ No newline at end of file"). */
  readonly eolAtEnd: boolean;
}

export function splitLines(text: string): SplitText {
  if (text === '') return { lines: [], eolAtEnd: true };
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') {
    lines.pop();
    return { lines, eolAtEnd: true };
  }
  return { lines, eolAtEnd: false };
}

/** The inverse of `splitLines` (with "\n" line ends). */
export function joinLines(split: SplitText): string {
  return split.lines.join('\n') + (split.eolAtEnd && split.lines.length > 0 ? '\n' : '');
}

/**
 * Both sides as small integers, equal lines equal numbers, so the diff
 * compares numbers, not strings. A last line without a line end gets a
 * number of its own: "a" and "a\n" differ, as they do for `diff`.
 */
export function internLines(a: SplitText, b: SplitText): { readonly a: Int32Array; readonly b: Int32Array; readonly distinct: number } {
  const ids = new Map<string, number>();
  const noEol = new Map<string, number>();
  let next = 0;
  const encode = (side: SplitText): Int32Array => {
    const out = new Int32Array(side.lines.length);
    side.lines.forEach((line, i) => {
      const table = !side.eolAtEnd && i === side.lines.length - 1 ? noEol : ids;
      let id = table.get(line);
      if (id === undefined) {
        id = next++;
        table.set(line, id);
      }
      out[i] = id;
    });
    return out;
  };
  const ea = encode(a);
  const eb = encode(b);
  return { a: ea, b: eb, distinct: next };
}
