/** POSIX sh quoting for the generated scripts and command lines. */

/** Always single-quoted: safe for any string, including spaces, `$`, globs and quotes. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Quoted only when needed, so plain words stay readable; `[`, `]`, `*` and `?` glob and are quoted. */
export function shWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : shQuote(s);
}

export function shLine(words: readonly string[]): string {
  return words.map(shWord).join(' ');
}
