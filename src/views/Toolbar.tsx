/**
 * The main toolbar: the document (new, open, save, recent, examples, share,
 * changes, export), history, operations, and the way in to the lessons.
 * What the document is (dialect, guest state) sits in the bar below it
 * (DocumentMode), and the view's own tools (tidy, fit) on the canvas.
 */
import { EXAMPLES } from '../core/examples';
import { downloadXml, openFile, pickFile } from '../state/files';
import { useCanRedo, useCanUndo } from '../state/history';
import { loadDocument, redo, undo, useEditor } from '../state/store';
import { ChangesButton } from './changes/ChangesButton';
import { ExportMenu } from './ExportMenu';
import { ImportButton } from './import/ImportButton';
import { LessonsToggle } from './lessons';
import { NEW_DOCUMENT } from './newDocument';
import { OperationsMenu } from './ops/OperationsMenu';
import { RecentSessions } from './RecentSessions';
import { ShareButton } from './share/ShareButton';
import type { ThemeChoice } from './theme';

export function Toolbar() {
  const text = useEditor((s) => s.text);
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  return (
    <header className="toolbar" role="toolbar" aria-label="Main">
      <span className="brand" aria-label="Strata">
        <img src="./favicon.svg" alt="" width={20} height={20} /> <span className="lbl">Strata</span>
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
        <ImportButton />
        <button onClick={() => downloadXml(text)} title="Download the XML">Save XML</button>
        <RecentSessions />
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
        <OperationsMenu />
      </div>
      <div className="tb-group">
        <ShareButton />
        <ChangesButton />
        <ExportMenu />
      </div>
      <div className="tb-end">
        <LessonsToggle />
      </div>
    </header>
  );
}

/** Light, dark, or whatever the system says. */
export function ThemeSelect({ theme, onTheme }: { theme: ThemeChoice; onTheme: (t: ThemeChoice) => void }) {
  return (
    <select className="theme-select" aria-label="Theme" value={theme} onChange={(e) => onTheme(e.target.value as ThemeChoice)} title="Theme">
      <option value="system">◐ system</option>
      <option value="light">☀ light</option>
      <option value="dark">☾ dark</option>
    </select>
  );
}
