/**
 * The Changes dialog: the XML now against the document as it was opened or
 * last saved, as a line diff with both line numbers, and Copy diff. A
 * native modal <dialog> (as Recent… is): the page behind is inert, Tab
 * stays inside, Escape closes it; the caller puts focus back. It follows the
 * store while open, so an undo behind it shows at once.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { unifiedDiff } from '../../core/diff/unified';
import { defaultFileName } from '../../state/files';
import { useEditor } from '../../state/store';
import { DiffHunks } from './DiffHunks';
import { CopyDiff } from './CopyDiff';
import type { Since } from './labels';
import { newHeader, oldHeader, plural, when } from './labels';
import { useChanges } from './useChanges';
import './changes.css';

/** Closed by the user (Escape, ×, Close) or to show a line of the XML pane. */
export type Closed = { readonly goTo: number | null };

export function ChangesDialog({ onClosed }: { onClosed: (how: Closed) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const goTo = useRef<number | null>(null);
  const titleId = useId();
  // The most recent baseline first: after a save, what is not saved yet.
  const [wanted, setWanted] = useState<Since>('saved');
  const c = useChanges(wanted);
  const doc = useEditor((s) => s.doc);
  const { added, removed, hunks } = c.diff;
  const none = hunks.length === 0;

  useEffect(() => {
    const d = dialog.current;
    if (!d || d.open) return;
    d.showModal();
    // The first thing to do here, not the × in the corner.
    d.querySelector<HTMLElement>('.chg-copy:not(:disabled), .chg-x')?.focus();
  }, []);

  const close = (line: number | null = null) => {
    goTo.current = line;
    dialog.current?.close();
  };
  const makeText = () => unifiedDiff(c.diff, oldHeader(c.since, c.base), newHeader(defaultFileName(doc), Date.now()));

  return createPortal(
    <dialog ref={dialog} className="chg-dialog" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`} onClose={() => onClosed({ goTo: goTo.current })}>
      <header className="chg-head">
        <h2 id={titleId}>Changes</h2>
        <button type="button" className="chg-x" aria-label="Close" onClick={() => close()}>
          ×
        </button>
      </header>
      {c.hasSaved ? (
        <fieldset className="chg-since">
          <legend>Compare the XML now with the document</legend>
          {(['saved', 'opened'] as const).map((s) => {
            const snap = s === 'saved' ? c.saved! : c.opened;
            return (
              <label key={s}>
                <input type="radio" name={`${titleId}-since`} value={s} checked={c.since === s} onChange={() => setWanted(s)} />
                as {s} <span className="chg-base">{snap.name} · {when(snap.at)}</span>
              </label>
            );
          })}
        </fieldset>
      ) : (
        <p className="chg-since-one">
          The XML now compared with the document as opened: <span className="chg-base">{c.opened.name} · {when(c.opened.at)}</span>
        </p>
      )}
      <div className="chg-bar">
        <p id={`${titleId}-summary`} className={none ? 'chg-summary chg-none' : 'chg-summary'}>
          {none
            ? `No changes since ${c.since} ${when(c.base.at)}.`
            : `${plural(added, 'line')} added, ${removed} removed, in ${plural(hunks.length, 'place')} (since ${c.since} ${when(c.base.at)}).`}
        </p>
        <CopyDiff make={makeText} disabled={none} />
      </div>
      {c.draft && <p className="chg-draft">This includes typing in the XML pane that is not applied yet.</p>}
      {!none && <DiffHunks diff={c.diff} onGoTo={(line) => close(line)} />}
    </dialog>,
    document.body,
  );
}
