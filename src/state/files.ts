/**
 * Files in and out: Open (a file picker or a dropped file) goes through the
 * store's `loadDocument` (one undoable step); a file that is not XML at all is
 * refused and changes nothing; Save downloads the XML.
 */
import { isToolOutput, requestImport } from './importRequest';
import type { DomainDoc } from '../core/model/types';
import { decodeXml } from '../core/xml/decode';
import { derive } from '../core/numbers/derive';
import { loadDocument, notify, useEditor } from './store';
import { domainName } from './titles';
import { markSaved } from './baseline';

/** Larger files are refused rather than freezing the tab (a 5,000-level chain is about 1 MB). */
export const MAX_OPEN_BYTES = 32 * 1024 * 1024;
export const XML_ACCEPT = '.xml,application/xml,text/xml';

/** Said after every refusal: a file that cannot be read changes nothing, neither the document nor its autosave. */
const UNCHANGED = 'Your document is unchanged.';

/**
 * Why decoded text cannot be an XML document at all, or null when it may be
 * one (its first non-blank character is '<'). Such text is refused, never
 * opened: it would only replace the XML pane with something that is not XML.
 * Text that starts like XML but is malformed still opens, as a draft over the
 * current document (the store keeps that document and undo brings it back).
 */
export function notXmlReason(text: string): string | null {
  const start = text.search(/[^ \t\r\n]/); // XML's whitespace, not JavaScript's \s
  if (start < 0) return text.length === 0 ? 'the file is empty' : 'the file is empty (only whitespace)';
  const c = text[start]!;
  if (c === '<') return null;
  if (c === '{' || c === '[') return 'it looks like JSON, not XML (an XML file starts with <)';
  const head = Array.from(text.slice(start, start + 12)).filter((ch) => ch >= ' ').join('');
  return `it is not XML: it starts with '${head}', and an XML file starts with <`;
}

export async function openFile(file: File): Promise<void> {
  if (file.size > MAX_OPEN_BYTES) {
    notify('error', `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; Strata opens XML files up to ${MAX_OPEN_BYTES / 1024 / 1024} MB. ${UNCHANGED}`);
    return;
  }
  let bytes: Uint8Array;
  try {
    // Bytes, not file.text(): that would read UTF-16 (and any declared encoding) as UTF-8.
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    notify('error', `Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}. ${UNCHANGED}`);
    return;
  }
  const decoded = decodeXml(bytes);
  if (!decoded.ok) {
    notify('error', `Could not open ${file.name} (line ${decoded.line}, column ${decoded.col}): ${decoded.message} ${UNCHANGED}`);
    return;
  }
  const refused = notXmlReason(decoded.text);
  if (refused !== null && isToolOutput(decoded.text, file.name)) {
    // What qemu-img, QMP or virsh printed: the Import dialog reads it (and can compare it with this document).
    requestImport([{ name: file.name, text: decoded.text }]);
    return;
  }
  if (refused !== null) {
    notify('error', `Could not open ${file.name}: ${refused}. ${UNCHANGED}`);
    return;
  }
  // A big file is read in the worker (the page keeps answering); "Opened" once it is applied.
  loadDocument(decoded.text, file.name, { async: true, onLoaded: () => notify('info', `Opened ${file.name}.`) });
}

/** `<domain><name>` or else the first disk's target, made safe as a file name, with `.xml`. */
export function defaultFileName(doc: DomainDoc): string {
  const base = domainName(doc.tree) ?? derive(doc).disks[0]?.target ?? 'strata';
  return withXml(base);
}

function withXml(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim() || 'strata';
  return /\.xml$/i.test(safe) ? safe : `${safe}.xml`;
}

/** Downloads `text` as an XML file; without a name, one is made from the document. */
export function downloadXml(text: string, name?: string): void {
  const fileName = name ? withXml(name) : defaultFileName(useEditor.getState().doc);
  downloadText(text, fileName, 'application/xml');
  // Changes view: what was saved is now the "since saved" baseline (state/baseline.ts).
  markSaved(text, fileName);
}

/** Any text as a file download (XML, the QMP export, the qemu-img script). */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** A Blob as a file download (text, or the bytes of a PNG). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens the browser's file picker for one XML file; null when the user cancels. */
export function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = XML_ACCEPT;
    input.style.display = 'none';
    let done = false;
    const finish = (file: File | null): void => {
      if (done) return;
      done = true;
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.append(input);
    input.click();
  });
}

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Drag-and-drop of an XML file onto `el` (class `drop-target` while a file is over it). Returns the uninstaller. */
export function installDropHandler(el: HTMLElement): () => void {
  // dragenter/dragleave fire for every child crossed: count them so the highlight does not flicker.
  let depth = 0;
  const clear = (): void => {
    depth = 0;
    el.classList.remove('drop-target');
  };
  const onEnter = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    el.classList.add('drop-target');
  };
  const onOver = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) el.classList.remove('drop-target');
  };
  const onDrop = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    clear();
    const files = Array.from(e.dataTransfer?.files ?? []);
    const file = files[0];
    if (!file) return;
    if (files.length > 1) notify('info', `Only one file is opened at a time; opening ${file.name}.`);
    void openFile(file);
  };
  el.addEventListener('dragenter', onEnter);
  el.addEventListener('dragover', onOver);
  el.addEventListener('dragleave', onLeave);
  el.addEventListener('drop', onDrop);
  return () => {
    el.removeEventListener('dragenter', onEnter);
    el.removeEventListener('dragover', onOver);
    el.removeEventListener('dragleave', onLeave);
    el.removeEventListener('drop', onDrop);
    clear();
  };
}
