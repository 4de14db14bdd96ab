/**
 * The hunks of a line diff, as `diff -u` groups them: each a table of lines
 * with the old and the new line number, the sign and the text. Added and
 * removed lines are coloured and also carry their sign, so colour is never
 * the only mark. Very long diffs are cut after MAX_ROWS lines (rendering
 * 20,000 rows would stall the page); the copied text has them all.
 */
import type { DiffLine, Hunk, LineDiff } from '../../core/diff/hunks';
import { hunkHeader } from '../../core/diff/unified';

export const MAX_ROWS = 2000;

const SIGN = { context: ' ', removed: '−', added: '+' } as const;
const SPOKEN = { context: 'unchanged', removed: 'removed', added: 'added' } as const;

/** The line of the text now where a hunk's first change is (where a removal was, for a hunk that only removes). */
export function lineOfChange(h: Hunk): number {
  const i = h.lines.findIndex((l) => l.kind !== 'context');
  const first = h.lines[i];
  if (first?.newLine != null) return first.newLine;
  const after = h.lines.slice(i).find((l) => l.newLine !== null);
  if (after?.newLine != null) return after.newLine;
  const before = h.lines.slice(0, i).findLast((l) => l.newLine !== null);
  return Math.max(1, before?.newLine ?? h.newStart);
}

function Row({ line }: { line: DiffLine }) {
  return (
    <tr className={`chg-row chg-${line.kind}`}>
      <td className="chg-no">{line.oldLine ?? ''}</td>
      <td className="chg-no">{line.newLine ?? ''}</td>
      <td className="chg-sign" aria-label={SPOKEN[line.kind]} title={SPOKEN[line.kind]}>
        {SIGN[line.kind]}
      </td>
      <td className="chg-text">
        {line.text}
        {line.noEol && <span className="chg-noeol"> (no newline at end of file)</span>}
      </td>
    </tr>
  );
}

export function DiffHunks({ diff, onGoTo }: { diff: LineDiff; onGoTo: (line: number) => void }) {
  let budget = MAX_ROWS;
  let hidden = 0;
  const shown: { hunk: Hunk; lines: readonly DiffLine[] }[] = [];
  for (const hunk of diff.hunks) {
    if (budget <= 0) {
      hidden += hunk.lines.length;
      continue;
    }
    const lines = hunk.lines.slice(0, budget);
    hidden += hunk.lines.length - lines.length;
    budget -= lines.length;
    shown.push({ hunk, lines });
  }
  return (
    <div className="chg-hunks">
      {shown.map(({ hunk, lines }) => {
        const line = lineOfChange(hunk);
        const id = `chg-h${hunk.oldStart}-${hunk.newStart}`;
        return (
          <section className="chg-hunk" key={id} aria-labelledby={id}>
            <div className="chg-hunk-head">
              <code className="chg-range" id={id}>
                {hunkHeader(hunk)}
              </code>
              <button type="button" className="chg-goto" onClick={() => onGoTo(line)} title="Show this line in the XML pane">
                Go to line {line}
              </button>
            </div>
            <table aria-labelledby={id}>
              <thead className="sr-only">
                <tr>
                  <th scope="col">Old line</th>
                  <th scope="col">New line</th>
                  <th scope="col">Change</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <Row key={i} line={l} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      {hidden > 0 && (
        <p className="chg-more" role="note">
          {hidden} more lines are not shown here; Copy diff copies them all.
        </p>
      )}
    </div>
  );
}
