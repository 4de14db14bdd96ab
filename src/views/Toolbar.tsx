/** File, history, view and document-mode commands. Dialect and guest state are always visible here. */
import { useCanRedo, useCanUndo } from '../state/history';
import { EXAMPLES } from '../core/examples';
import { available } from '../core/operations/registry';
import type { Dialect, GuestState } from '../core/model/types';
import { useEditor, loadDocument, redo, requestFit, perform, tidy, undo } from '../state/store';
import { downloadXml, openFile, pickFile } from '../state/files';
import type { ThemeChoice } from './theme';
import { NEW_DOCUMENT } from './newDocument';
import { OperationsMenu } from './ops/OperationsMenu';
import { RecentSessions } from './RecentSessions';
import { ShareButton } from './share/ShareButton';
import { ChangesButton } from './changes/ChangesButton';

export function Toolbar() {
  const dialect = useEditor((s) => s.doc.dialect);
  const state = useEditor((s) => s.doc.state);
  const doc = useEditor((s) => s.doc);
  // The same reason the dialog gives (running: ids cannot be reused; offline libvirt: already as libvirt numbers it).
  const renumberWhy = available(doc, { kind: 'renumber' });
  const text = useEditor((s) => s.text);
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  return (
    <header className="toolbar" role="toolbar" aria-label="Main">
      <span className="brand" aria-label="Strata">
        <img src="/favicon.svg" alt="" width={20} height={20} /> <span className="lbl">Strata</span>
      </span>
      <div className="tb-group">
        <button onClick={() => loadDocument(NEW_DOCUMENT, 'New')} title="New document">New</button>
        <button
          onClick={async () => {
            const f = await pickFile();
            if (f) await openFile(f);
          }}
          title="Open an XML file (or drop one on the window)"
        >
          Open…
        </button>
        <button onClick={() => downloadXml(text)} title="Download the XML">Save XML</button>
        <RecentSessions />
        <ShareButton />
        <ChangesButton />
        <label className="tb-select">
          <span className="sr-only">Examples</span>
          <select
            aria-label="Examples"
            value=""
            onChange={(e) => {
              const ex = EXAMPLES.find((x) => x.id === e.target.value);
              if (ex) loadDocument(ex.text, ex.title);
            }}
          >
            <option value="">Examples…</option>
            {EXAMPLES.map((ex) => (
              <option key={ex.id} value={ex.id}>{ex.title}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="tb-group">
        <button onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">↶</button>
        <button onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">↷</button>
      </div>
      <div className="tb-group">
        <button onClick={tidy} title="Lay out every node automatically again">Tidy</button>
        <button onClick={requestFit} title="Zoom to fit">Fit</button>
      </div>
      <div className="tb-group">
        <OperationsMenu />
      </div>
      <div className="tb-group tb-mode">
        <label>
          <span className="lbl">Dialect</span>
          <select
            aria-label="Dialect"
            value={dialect}
            onChange={(e) => perform({ kind: 'convert', dialect: e.target.value as Dialect })}
          >
            <option value="libvirt">libvirt</option>
            <option value="proposal">proposal</option>
          </select>
        </label>
        <label>
          <span className="lbl">Guest</span>
          <select
            aria-label="Guest state"
            value={state}
            onChange={(e) => perform({ kind: 'set-state', state: e.target.value as GuestState })}
          >
            <option value="offline">offline</option>
            <option value="running">running</option>
          </select>
        </label>
        <button onClick={() => renumberWhy === true && perform({ kind: 'renumber' })} aria-disabled={renumberWhy !== true} title={renumberWhy === true ? 'Give every node a fresh id' : renumberWhy}>
          Renumber
        </button>
      </div>
    </header>
  );
}

/** Light, dark, or whatever the system says. */
export function ThemeSelect({ theme, onTheme }: { theme: ThemeChoice; onTheme: (t: ThemeChoice) => void }) {
  return (
    <select aria-label="Theme" value={theme} onChange={(e) => onTheme(e.target.value as ThemeChoice)} title="Theme">
      <option value="system">system theme</option>
      <option value="light">light</option>
      <option value="dark">dark</option>
    </select>
  );
}
