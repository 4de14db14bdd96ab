/**
 * What the Share button shows: the link (copied, or selected for Ctrl+C
 * where the clipboard is not available), what it holds, and, for a document
 * too large for a link, the reason and the file download instead.
 */
import { useEffect, useRef } from 'react';
import type { ShareOffer } from '../../state/share';
import { downloadXml } from '../../state/files';
import { thousands } from '../../core/text/thousands';

export type ShareState =
  | { readonly kind: 'working' }
  | { readonly kind: 'done'; readonly offer: ShareOffer; readonly copied: boolean };

const n = (x: number): string => thousands(x);

function LinkView({ url, copied, onCopy }: { url: string; copied: boolean; onCopy: () => void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Selected either way: ready for Ctrl+C where the clipboard failed, and shows what was copied where it worked.
  useEffect(() => {
    area.current?.focus();
    area.current?.select();
  }, [url, copied]);
  return (
    <>
      <p className={copied ? 'share-status share-ok' : 'share-status share-manual'} role="status">
        {copied ? 'Link copied to the clipboard.' : 'The clipboard is not available here: the link is selected, press Ctrl+C to copy it.'}
      </p>
      <textarea ref={area} className="share-link" readOnly value={url} rows={4} aria-label="Link to this document" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      <div className="share-actions">
        <button type="button" onClick={onCopy}>Copy link</button>
      </div>
    </>
  );
}

export function SharePanel({ state, onCopy }: { state: ShareState; onCopy: () => void }) {
  if (state.kind === 'working') return <p className="share-status" role="status">Making the link…</p>;
  const offer = state.offer;
  if (offer.kind === 'error') return <p className="share-status share-error" role="alert">{offer.message}</p>;
  const { link, text, problem } = offer;
  const sizes = `the XML's ${n(link.textBytes)} bytes compress to ${n(link.packedBytes)}`;
  if (!link.ok) {
    return (
      <>
        <p className="share-status share-error" role="alert">
          <strong>This document is too large for a link.</strong> {link.reason}
        </p>
        <p className="share-note">
          Compressed, the XML is {n(link.packedBytes)} bytes ({n(link.textBytes)} as text); a link holds at most {n(link.maxPackedBytes)}. Send the XML file instead:
        </p>
        <div className="share-actions">
          <button type="button" className="share-primary" onClick={() => downloadXml(text)}>Download XML</button>
        </div>
      </>
    );
  }
  return (
    <>
      <LinkView url={link.url} copied={state.copied} onCopy={onCopy} />
      {problem && (
        <p className="share-warning" role="note">
          The XML has an error ({problem}). The link holds it as you see it: it opens as a draft with that error.
        </p>
      )}
      <p className="share-note">
        {n(link.length)} characters; {sizes}. The document travels inside the link, after the #: no server sees it. The layout you dragged is not included.
      </p>
    </>
  );
}
