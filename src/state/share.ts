/**
 * Share links, the browser's side (the format is src/core/share/link.ts):
 * deflate-raw through CompressionStream, the clipboard, and opening a link.
 *
 * Opening: `openSharedLink()` runs once at start, BEFORE restoreSession. A
 * page opened on a `#doc=` link starts a session of its own (a new id for
 * this tab), so the restore finds nothing to put over the shared document,
 * and no stored session is written over: the work of this tab before a
 * reload, and of every other tab, stays under Recent…. The fragment is
 * removed from the address bar at once (history.replaceState), so a reload
 * keeps the edits made since instead of importing the link again. A link
 * pasted into a tab already open changes only the fragment (no reload): that
 * loads it into this tab as one undoable step, like Open.
 */
import type { ShareCodec, ShareLink } from '../core/share/link';
import { ShareTooLarge, findShare, shareLink, unpackShare } from '../core/share/link';
import { describeDoc } from './titles';
import { listSessions, newSessionId, setTabSessionId } from './sessions';
import { applyDraft, errorAt, loadDocument, notify, useEditor } from './store';

/** The label of the load (the undo step and "What happened"). */
export const SHARED_LABEL = 'Shared link';

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      // Stop inflating at once: a crafted link may expand a thousandfold.
      await reader.cancel();
      throw new ShareTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
}

/** Why this browser cannot make or read links, or null (CompressionStream: Chromium 80, deflate-raw 103, Firefox 113, Safari 16.4). */
export function compressionMissing(): string | null {
  return typeof CompressionStream === 'undefined' || typeof DecompressionStream === 'undefined' ? 'this browser has no CompressionStream' : null;
}

export const browserCodec: ShareCodec = {
  deflate: (bytes) => readAll(through(bytes, new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY),
  inflate: (bytes, maxBytes) => readAll(through(bytes, new DecompressionStream('deflate-raw')), maxBytes),
};

// ---- making a link ----------------------------------------------------------------

export type ShareOffer =
  | {
      readonly kind: 'link';
      readonly link: ShareLink;
      /** The XML the link holds: what the XML pane shows. */
      readonly text: string;
      /** Set when that XML does not parse: the link still holds it, and opens it as a draft with this error. */
      readonly problem: string | null;
    }
  | { readonly kind: 'error'; readonly message: string };

/**
 * A link to what the user sees: the XML pane's text. Pending typing is
 * applied first (as Ctrl+S would), so a link is never behind the graph; a
 * draft that does not parse is shared as it is, with `problem` saying so.
 */
export async function shareCurrent(): Promise<ShareOffer> {
  const missing = compressionMissing();
  if (missing) return { kind: 'error', message: `No link can be made here: ${missing}. Use Save XML and send the file.` };
  applyDraft();
  const s = useEditor.getState();
  try {
    const link = await shareLink(window.location.href, s.text, browserCodec);
    return { kind: 'link', link, text: s.text, problem: s.draft && s.parseError ? errorAt(s.parseError) : null };
  } catch (e) {
    return { kind: 'error', message: `The link could not be made: ${e instanceof Error ? e.message : String(e)}. Use Save XML and send the file.` };
  }
}

/** Writes `text` to the clipboard; false where the browser does not let the page (no secure context, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// ---- opening a link -------------------------------------------------------------------

function clearFragment(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', pathname + search);
}

/** Reads the link in `hash` and loads its document; every failure is a notice and changes nothing. `after` ends the notices. */
async function importLink(hash: string, after: string): Promise<void> {
  const found = findShare(hash);
  if (found.kind === 'none') return;
  clearFragment();
  const missing = compressionMissing();
  const read = found.kind === 'error' ? found : missing ? { kind: 'error' as const, reason: missing } : await unpackShare(found, browserCodec);
  if (read.kind === 'error') {
    notify('error', `This shared link could not be opened: ${read.reason}. Nothing was changed.${after}`);
    return;
  }
  if (read.kind !== 'ok') return;
  // Unreadable XML is kept as a draft by loadDocument, which says so itself.
  if (!loadDocument(read.text, SHARED_LABEL)) return;
  const { title, detail } = describeDoc(useEditor.getState().doc);
  notify('info', `Opened the shared document “${title}” (${detail}).${after}`);
}

let listening = false;

/** Call once at start, before restoreSession (see the top of this file). Never throws. */
export function openSharedLink(): void {
  if (typeof window === 'undefined') return;
  try {
    if (!listening) {
      listening = true;
      window.addEventListener('hashchange', () => void importLink(window.location.hash, ' Undo brings back what was here.'));
    }
    if (findShare(window.location.hash).kind === 'none') return;
    const others = listSessions().length > 0;
    setTabSessionId(newSessionId());
    void importLink(window.location.hash, others ? ' It is a session of its own: your other work is under Recent….' : '');
  } catch (e) {
    notify('error', `The shared link could not be opened (${e instanceof Error ? e.message : String(e)}).`);
  }
}
