/**
 * The editor shell. Left: the graph, with Problems and "What happened" under
 * it (a one-line strip until they have something to say). Right: the XML,
 * with the inspector (a node is selected) or the lessons above it. The
 * graph's width does not change when a panel comes or goes, so selecting a
 * node never moves the canvas.
 */
import { useEffect, useRef, useState } from 'react';
import { GraphView } from './views/graph/GraphView';
import { XmlPane } from './views/XmlPane';
import { Inspector } from './views/Inspector';
import { ThemeSelect, Toolbar } from './views/Toolbar';
import { Splitter } from './views/Splitter';
import { Notices } from './views/Notices';
import { AddressBar } from './views/AddressBar';
import { ReadProgress } from './views/ReadProgress';
import { DocumentMode } from './views/DocumentMode';
import { BottomPanel } from './views/BottomPanel';
import { Welcome } from './views/Welcome';
import { applyTheme } from './views/theme';
import type { ThemeChoice } from './views/theme';
import { applyDraft, redo, undo, useEditor } from './state/store';
import { loadTheme, saveTheme } from './state/persist';
import { installDropHandler } from './state/files';
import './views/app.css';
import { Glossary, LessonsPanel, useLessons } from './views/lessons';

function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const inXml = (e.target as HTMLElement | null)?.closest?.('.cm-editor');
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        applyDraft();
      } else if (!inXml && k === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (!inXml && k === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function clamp(v: number, min: number, max: number): number {
  return Math.round(Math.max(min, Math.min(max, v)));
}

function useTheme(): [ThemeChoice, (t: ThemeChoice) => void] {
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme());
  useEffect(() => {
    applyTheme(theme);
    saveTheme(theme);
    if (theme !== 'system') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, [theme]);
  return [theme, setTheme];
}

export function App() {
  const [theme, setTheme] = useTheme();
  // Proportional to the window, so 1024 px still leaves the graph room.
  const [rightWidth, setRightWidth] = useState(() => clamp(window.innerWidth * 0.38, 340, 640));
  const [sideHeight, setSideHeight] = useState(() => clamp(window.innerHeight * 0.42, 220, 520));
  const [bottomHeight, setBottomHeight] = useState(() => clamp(window.innerHeight * 0.2, 110, 220));
  const root = useRef<HTMLDivElement>(null);
  const lessonsOpen = useLessons((s) => s.open);
  const selected = useEditor((s) => s.selection !== null || s.selectedEdge !== null);
  const side = lessonsOpen ? 'lessons' : selected ? 'inspector' : null;
  useGlobalKeys();
  useEffect(() => (root.current ? installDropHandler(root.current) : undefined), []);
  // Dialogs that serve a lesson step open beside the lessons panel, never over it (ops.css reads these).
  useEffect(() => {
    const html = document.documentElement;
    html.style.setProperty('--right-width', `${rightWidth}px`);
    html.dataset.side = side ?? '';
  }, [rightWidth, side]);

  return (
    <div className="app" ref={root}>
      <Toolbar />
      <Welcome />
      <div className="subbar">
        <AddressBar />
        <ReadProgress />
        <Notices />
        <DocumentMode />
        <ThemeSelect theme={theme} onTheme={setTheme} />
      </div>
      <main className="workspace" style={{ gridTemplateColumns: `minmax(300px, 1fr) 5px ${rightWidth}px` }}>
        <div className="left-col">
          <div className="pane pane-graph">
            <GraphView />
          </div>
          <BottomPanel height={bottomHeight} onHeight={setBottomHeight} />
        </div>
        <Splitter orientation="vertical" value={rightWidth} onChange={setRightWidth} min={300} max={900} invert label="Resize the XML pane" className="split-right" />
        <div className="right-col" style={{ gridTemplateRows: side ? `${sideHeight}px 5px minmax(120px, 1fr)` : 'minmax(0, 1fr)' }}>
          {side && (
            <>
              <div className={`pane pane-side pane-${side}`}>{side === 'lessons' ? <LessonsPanel /> : <Inspector />}</div>
              <Splitter orientation="horizontal" value={sideHeight} onChange={setSideHeight} min={140} max={900} label={side === 'lessons' ? 'Resize the lessons panel' : 'Resize the inspector'} className="split-side" />
            </>
          )}
          <div className="pane pane-xml">
            <XmlPane />
          </div>
        </div>
      </main>
      <Glossary />
    </div>
  );
}
