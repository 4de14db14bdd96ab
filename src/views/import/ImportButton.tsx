/**
 * Toolbar: "Import…" opens Import from host (issue "From the host", part
 * 3). The user pastes, drops or picks what qemu-img, QMP or virsh printed;
 * the dialog names each output's format and shows what the import reads
 * and finds. "Open as document" loads the imported XML through the store's
 * loadDocument (one undo step); "Compare with this document" checks the
 * open document against the outputs (state/hostCompare.ts) and lists the
 * disagreements, while the graph draws them (graph/ghostFlow.ts).
 *
 * A non-modal dialog at the window's right edge: the graph stays visible
 * and clickable beside it, which is the point of comparing. Escape or ×
 * closes it, and the comparison with it (ghosts only while the list that
 * explains them is on screen). The texts stay while the page lives.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { importText } from '../../core/import/index';
import type { ImportInput, ImportResult } from '../../core/import/index';
import { closeCompare, compareWithHost, useHostCompare } from '../../state/hostCompare';
import { loadDocument } from '../../state/store';
import { takeImportRequest, useImportRequest } from '../../state/importRequest';
import { CompareList } from './CompareList';
import { ImportPreview } from './ImportPreview';
import type { Draft } from './OutputInputs';
import { Command, OutputInputs, newDraft } from './OutputInputs';
import { FORMATS } from './formats';
import './import.css';

function inputsOf(drafts: readonly Draft[]): ImportInput[] {
  // An empty area is a slot not filled yet, not an output: the importer would refuse it as empty.
  return drafts.filter((d) => d.text.trim() !== '').map((d, i) => ({ name: d.name.trim() || `output ${i + 1}`, text: d.text }));
}

function Commands() {
  return (
    <details className="imp-commands">
      <summary>Which outputs does Strata read?</summary>
      <ul>
        {Object.values(FORMATS).map((f) => (
          <li key={f.label}>
            <strong>{f.label}</strong> <Command text={f.command} />
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ImportButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>(() => [newDraft(1)]);
  const [opened, setOpened] = useState<string | null>(null);
  const compare = useHostCompare((s) => (s.inputs !== null ? s.result : null));

  // Read as the user types, a step behind the keys so a large paste never blocks typing.
  const inputs = useDeferredValue(useMemo(() => inputsOf(drafts), [drafts]));
  const result: ImportResult | null = useMemo(() => (inputs.length > 0 ? importText(inputs) : null), [inputs]);

  const close = () => {
    setOpen(false);
    closeCompare();
  };
  // A tool's output dropped on the window or opened with Open…: shown here, in place of the empty slots.
  useEffect(
    () =>
      useImportRequest.subscribe((s) => {
        if (!s.pending) return;
        const files = takeImportRequest() ?? [];
        setDrafts((old) => [...old.filter((d) => d.text.trim() !== ''), ...files.map((f, i) => newDraft(old.length + i + 1, f.text, f.name))]);
        setOpened(null);
        setOpen(true);
      }),
    [],
  );
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.show();
    if (!open && d.open) d.close();
    if (!open) return;
    // Non-modal, so the browser does not close it on Escape: the dialog does, from inside it or with focus nowhere (after a removed row).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !(d.contains(e.target as Node) || e.target === document.body)) return;
      e.preventDefault();
      setOpen(false);
      closeCompare();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const changeDrafts = (d: Draft[]) => {
    setDrafts(d);
    setOpened(null);
  };
  const openAsDocument = () => {
    const now = importText(inputsOf(drafts));
    if (!now.ok) return;
    const names = inputsOf(drafts).map((i) => i.name).join(', ');
    closeCompare();
    if (loadDocument(now.xml, `Import from host (${names})`)) setOpened(`Opened as the document: ${names}. Undo brings back the one before.`);
  };
  const refusal = result && !result.ok ? result.message : null;
  const empty = inputs.length === 0;

  const panel = (
    <dialog
      ref={dialog}
      className="imp-dialog"
      aria-labelledby={titleId}
    >
      <header className="imp-head">
        <h2 id={titleId}>Import from host</h2>
        <button type="button" className="imp-close" aria-label="Close" onClick={close}>×</button>
      </header>
      <div className="imp-body">
        {compare && <CompareList result={compare} />}
        <p className="imp-note">Paste what qemu-img, QMP or virsh printed about a guest: open it as a document, or compare the open document with it.</p>
        <OutputInputs drafts={drafts} onDrafts={changeDrafts} importError={refusal} />
        <Commands />
        <ImportPreview result={result} />
        {opened && <p className="imp-ok" role="status">{opened}</p>}
      </div>
      <footer className="imp-foot">
        <button type="button" className="imp-primary" disabled={empty || refusal !== null} title={refusal ?? (empty ? 'Paste an output first' : 'Replace the document with the imported one (one undo step)')} onClick={openAsDocument}>
          Open as document
        </button>
        <button type="button" disabled={empty} title={empty ? 'Paste an output first' : 'List where the open document and the outputs disagree, with fixes'} onClick={() => compareWithHost(inputsOf(drafts))}>
          Compare with this document
        </button>
      </footer>
    </dialog>
  );

  return (
    <>
      <button type="button" aria-haspopup="dialog" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))} title="Import what qemu-img, QMP or virsh printed, or compare this document with it">
        Import…
      </button>
      {createPortal(panel, document.body)}
    </>
  );
}
