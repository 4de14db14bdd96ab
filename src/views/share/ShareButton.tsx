/**
 * Toolbar: Share copies a link that holds the whole document (the XML
 * pane's text, compressed into the URL fragment; src/state/share.ts) and
 * shows it in a small dialog under the button: copied, or selected for
 * Ctrl+C where the clipboard is not available; a document too large for a
 * link is offered as a file instead. A native modal <dialog>: Escape or a
 * click outside closes it and focus returns to the button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { copyText, shareCurrent } from '../../state/share';
import type { ShareState } from './SharePanel';
import { SharePanel } from './SharePanel';
import './share.css';

const WIDTH = 440;

export function ShareButton() {
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, setState] = useState<ShareState | null>(null);
  const [at, setAt] = useState({ top: 0, left: 0 });
  const run = useRef(0);

  useEffect(() => {
    if (state !== null && !dialog.current?.open) dialog.current?.showModal();
  }, [state]);

  const share = async () => {
    const r = button.current?.getBoundingClientRect();
    if (r) setAt({ top: r.bottom + 6, left: Math.max(8, Math.min(r.left, window.innerWidth - WIDTH - 8)) });
    const mine = ++run.current;
    setState({ kind: 'working' });
    const offer = await shareCurrent();
    // Copied right away, while the click still counts as the user's gesture (the clipboard asks for one).
    const copied = offer.kind === 'link' && offer.link.ok ? await copyText(offer.link.url) : false;
    if (run.current === mine) setState({ kind: 'done', offer, copied });
  };
  const copyAgain = async () => {
    if (state?.kind !== 'done' || state.offer.kind !== 'link' || !state.offer.link.ok) return;
    const copied = await copyText(state.offer.link.url);
    setState({ ...state, copied });
  };
  const close = () => dialog.current?.close();

  const panel = (
    <dialog
      ref={dialog}
      className="share-dialog"
      style={{ top: at.top, left: at.left, width: WIDTH }}
      aria-labelledby={titleId}
      onClose={() => {
        run.current++;
        setState(null);
      }}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(e) => e.target === e.currentTarget && close()}
    >
      <header className="share-head">
        <h2 id={titleId}>Share link</h2>
        <button type="button" className="share-close" aria-label="Close" onClick={close}>×</button>
      </header>
      {state && <SharePanel state={state} onCopy={() => void copyAgain()} />}
    </dialog>
  );

  return (
    <>
      <button ref={button} type="button" aria-haspopup="dialog" onClick={() => void share()} title="Copy a link that holds this whole document (nothing is uploaded)">
        Share
      </button>
      {createPortal(panel, document.body)}
    </>
  );
}
