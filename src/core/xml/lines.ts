/** Offsets <-> 1-based line/col (columns count UTF-16 code units, as the editor does). */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Line of the last `atSorted` answer: the parser asks in increasing order. */
  private hint = 0;
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
  /** Same as `at`, amortised O(1) when offsets come in increasing order (element starts while parsing). */
  atSorted(offset: number): { line: number; col: number } {
    const s = this.starts;
    if (s[this.hint]! > offset) return this.at(offset);
    while (this.hint + 1 < s.length && s[this.hint + 1]! <= offset) this.hint++;
    return { line: this.hint + 1, col: offset - s[this.hint]! + 1 };
  }
  /** Offset of a 1-based line/col. */
  offset(line: number, col: number): number {
    return (this.starts[Math.max(0, Math.min(line, this.starts.length) - 1)] ?? 0) + col - 1;
  }
}
