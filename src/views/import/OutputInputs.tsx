/**
 * The Import dialog's inputs: one named text area per tool output (pasted,
 * dropped or picked from files), each saying which format it was
 * recognised as and the command that prints it, or why it was not. The
 * texts are the user's: nothing here clears them, a failed import included.
 */
import { Fragment, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type { Detected } from './formats';
import { FORMATS, detect } from './formats';

export interface Draft {
  /** React key only: names can repeat while the user types them. */
  readonly key: number;
  readonly name: string;
  readonly text: string;
}

let nextKey = 1;
export function newDraft(n: number, text = '', name = `output ${n}`): Draft {
  return { key: nextKey++, name, text };
}

/** As for Open: larger files are refused rather than freezing the tab. */
const MAX_BYTES = 32 * 1024 * 1024;

/** A shell line that wraps only between its words (a browser would break `--output` after the dashes). */
export function Command({ text }: { text: string }) {
  const words = text.split(' ');
  return (
    <code className="imp-cmd">
      {/* The space outside the word's span: inside a nowrap span it would not be a place to break. */}
      {words.map((w, i) => (
        <Fragment key={i}>
          <span>{w}</span>
          {i < words.length - 1 ? ' ' : ''}
        </Fragment>
      ))}
    </code>
  );
}

function FormatLine({ d, importError }: { d: Detected; importError: string | null }) {
  if (d.kind === 'empty') return <p className="imp-format imp-format-empty">Paste an output here, drop a file on the dialog, or choose files.</p>;
  // The importer's refusal is shown once, under the outputs; a second unreadable output still says its own reason here.
  if (d.kind === 'unknown') return <p className="imp-format imp-format-unknown" role="note">{d.message === importError ? 'Not an output Strata reads: see the message below.' : d.message}</p>;
  const f = FORMATS[d.format];
  return (
    <p className="imp-format">
      <span className="imp-chip" data-format={d.format}>{f.label}</span> <span className="imp-made-by">printed by</span> <Command text={f.command} />
    </p>
  );
}

interface FieldProps {
  readonly draft: Draft;
  readonly index: number;
  readonly count: number;
  readonly importError: string | null;
  readonly onChange: (d: Draft) => void;
  readonly onRemove: () => void;
}

function OutputField({ draft, index, count, importError, onChange, onRemove }: FieldProps) {
  const id = useId();
  const detected = detect(draft.text, draft.name);
  return (
    <li className="imp-output">
      <div className="imp-output-head">
        <label htmlFor={`${id}-name`} className="sr-only">Name of output {index + 1}</label>
        <input id={`${id}-name`} className="imp-name" value={draft.name} spellCheck={false} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
        <span className={`imp-detected imp-detected-${detected.kind}`} aria-label={`Format of output ${index + 1}`}>
          {detected.kind === 'format' ? FORMATS[detected.format].label : detected.kind === 'unknown' ? 'not recognised' : 'empty'}
        </span>
        {count > 1 && (
          <button type="button" className="imp-remove" aria-label={`Remove output ${index + 1}`} title="Remove this output" onClick={onRemove}>×</button>
        )}
      </div>
      <textarea
        className="imp-text"
        aria-label={`Output ${index + 1}`}
        value={draft.text}
        rows={6}
        spellCheck={false}
        placeholder={'[{"filename": "/var/lib/libvirt/images/top.qcow2", "format": "qcow2", …}]'}
        onChange={(e) => onChange({ ...draft, text: e.target.value })}
      />
      <FormatLine d={detected} importError={importError} />
    </li>
  );
}

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer.types).includes('Files');

export function OutputInputs({ drafts, onDrafts, importError }: { drafts: readonly Draft[]; onDrafts: (d: Draft[]) => void; importError: string | null }) {
  const picker = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  // Files fill the empty areas first, then get areas of their own, named after the file (messages name it).
  const addFiles = async (files: readonly File[]) => {
    const read: { name: string; text: string }[] = [];
    const tooBig: string[] = [];
    for (const f of files) {
      if (f.size > MAX_BYTES) tooBig.push(f.name);
      else read.push({ name: f.name, text: await f.text() });
    }
    setRefused(tooBig.length > 0 ? `Not read (larger than ${MAX_BYTES / 1024 / 1024} MB): ${tooBig.join(', ')}.` : null);
    const next = [...drafts];
    for (const r of read) {
      const empty = next.findIndex((d) => d.text.trim() === '');
      if (empty >= 0) next[empty] = { ...next[empty]!, name: r.name, text: r.text };
      else next.push(newDraft(next.length + 1, r.text, r.name));
    }
    onDrafts(next);
  };

  return (
    <section
      className={`imp-inputs${over ? ' imp-drop' : ''}`}
      aria-label="Tool outputs"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void addFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <ol className="imp-list" ref={list}>
        {drafts.map((d, i) => (
          <OutputField
            key={d.key}
            draft={d}
            index={i}
            count={drafts.length}
            importError={importError}
            onChange={(nd) => onDrafts(drafts.map((x) => (x.key === d.key ? nd : x)))}
            onRemove={() => {
              onDrafts(drafts.filter((x) => x.key !== d.key));
              // The button goes with its row: focus the output before it rather than losing it to the page.
              requestAnimationFrame(() => list.current?.querySelectorAll('textarea')[Math.max(0, i - 1)]?.focus());
            }}
          />
        ))}
      </ol>
      {refused && <p className="imp-error" role="alert">{refused}</p>}
      <div className="imp-row">
        <button type="button" onClick={() => onDrafts([...drafts, newDraft(drafts.length + 1)])}>Add another output</button>
        <button type="button" onClick={() => picker.current?.click()}>Choose files…</button>
        <input
          ref={picker}
          type="file"
          multiple
          accept=".json,.txt,application/json,text/plain"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void addFiles(files);
          }}
        />
        <span className="imp-hint">Several outputs of one guest are read together.</span>
      </div>
    </section>
  );
}
