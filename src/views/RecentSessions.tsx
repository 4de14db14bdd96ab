/**
 * Toolbar: Recent… opens the list of stored sessions (each tab saves its own).
 * A native modal <dialog>: focus stays inside, Escape closes it and focus
 * returns to the button. A session no tab holds can be opened here (this
 * tab's work is saved first); one open in another tab can be copied here as
 * an undoable load.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { RecentSession } from '../state/persist';
import { copySession, openSession, recentSessions } from '../state/persist';
import './recent.css';

function ago(at: number, now: number): string {
  if (at <= 0) return 'saved at an unknown time';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'saved just now';
  const m = Math.round(s / 60);
  if (m < 60) return `saved ${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `saved ${h} h ago`;
  return `saved ${new Date(at).toLocaleString()}`;
}

/** The list as read now (ages are relative to the moment it was read). */
interface Snapshot {
  readonly items: readonly RecentSession[];
  readonly now: number;
}
const snapshot = (): Snapshot => ({ items: recentSessions(), now: Date.now() });

export function RecentSessions() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [list, setList] = useState<Snapshot | null>(null);
  const open = list !== null;
  const refresh = () => setList(snapshot());

  useEffect(() => {
    if (!open) return;
    if (!dialog.current?.open) dialog.current?.showModal();
    // Another tab saving (or closing) while the list is open: show it.
    const onStorage = () => setList(snapshot());
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [open]);

  const close = () => dialog.current?.close();
  // Closed after every action, also a refused one: its notice would be hidden behind the modal dialog.
  const act = (action: (id: string) => boolean, id: string) => {
    close();
    action(id);
  };

  const panel = (
    <dialog ref={dialog} className="recent-dialog" aria-labelledby={titleId} onClose={() => setList(null)}>
      <header className="recent-head">
        <h2 id={titleId}>Recent sessions</h2>
        <button type="button" className="recent-close" aria-label="Close" onClick={close}>×</button>
      </header>
      <p className="recent-hint">Each tab saves its own work. Open a session no tab is using, or copy one that is open in another tab into this one (Undo brings this tab's document back).</p>
      {list && list.items.length === 0 && <p className="recent-empty">Nothing is saved yet: a session is saved as soon as you change the document.</p>}
      {list && list.items.length > 0 && (
        <ul className="recent-list">
          {list.items.map((it) => (
            <li key={it.id} className={it.current ? 'recent-item recent-current' : 'recent-item'}>
              <div className="recent-text">
                <span className="recent-title">{it.title}</span>
                <span className="recent-meta">
                  {[it.detail, ago(it.savedAt, list.now)].filter(Boolean).join(' · ')}
                </span>
              </div>
              <div className="recent-actions">
                {it.current && <span className="recent-badge">this tab</span>}
                {it.open && (
                  <>
                    <span className="recent-badge recent-badge-open">open in another tab</span>
                    <button type="button" onClick={() => act(copySession, it.id)} title="Load its document here as one undoable step">Copy here</button>
                  </>
                )}
                {!it.current && !it.open && (
                  <button type="button" onClick={() => act(openSession, it.id)} title="Continue this session in this tab (this tab's work stays saved)">Open</button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );

  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={refresh} title="Recent sessions: the work saved in this tab and in your other tabs">
        Recent…
      </button>
      {/* In the body, not the toolbar: a dialog is no toolbar item, and the toolbar's button styles are not its own. */}
      {createPortal(panel, document.body)}
    </>
  );
}
