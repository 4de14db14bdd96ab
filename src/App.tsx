/** The editor shell: toolbar, graph, inspector, XML and problems, with resizable panes. */
import { useEffect, useRef, useState } from 'react';
import { GraphView } from './views/graph/GraphView';
import { XmlPane } from './views/XmlPane';
import { Inspector } from './views/Inspector';
import { ProblemsPanel } from './views/ProblemsPanel';
import { ThemeSelect, Toolbar } from './views/Toolbar';
import { Splitter } from './views/Splitter';
import { Notices } from './views/Notices';
import { AddressBar } from './views/AddressBar';
import { ExportMenu } from './views/ExportMenu';
import { ChangePanel } from './views/ops/ChangePanel';
import { applyTheme } from './views/theme';
import type { ThemeChoice } from './views/theme';
import { applyDraft, redo, requestFit, undo } from './state/store';
import { loadTheme, saveTheme } from './state/persist';
import { installDropHandler } from './state/files';
import './views/app.css';
import { Glossary, LessonsPanel, LessonsToggle, useLessons } from './views/lessons';

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

export function App() {
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme());
  // Start proportional to the window so 1024 px still leaves the graph room.
  const [xmlWidth, setXmlWidth] = useState(() => clamp(window.innerWidth * 0.34, 300, 560));
  const [inspectorWidth, setInspectorWidth] = useState(() => clamp(window.innerWidth * 0.19, 210, 290));
  const [problemsHeight, setProblemsHeight] = useState(() => clamp(window.innerHeight * 0.17, 90, 180));
  const root = useRef<HTMLDivElement>(null);
  const lessonsOpen = useLessons((s) => s.open);
  // Lessons take the inspector's column and need a little more room than a form does.
  const sideWidth = lessonsOpen ? Math.max(inspectorWidth, 340) : inspectorWidth;
  useGlobalKeys();
  // The graph pane changes width when lessons open or close: fit the graph to it again
  // (only on a change, so a restored session keeps its saved view at start).
  const fittedFor = useRef(lessonsOpen);
  useEffect(() => {
    if (fittedFor.current === lessonsOpen) return;
    fittedFor.current = lessonsOpen;
    requestFit();
  }, [lessonsOpen]);
  useEffect(() => {
    applyTheme(theme);
    saveTheme(theme);
    if (theme !== 'system') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, [theme]);
  useEffect(() => (root.current ? installDropHandler(root.current) : undefined), []);

  return (
    <div className="app" ref={root}>
      <Toolbar />
      <div className="subbar">
        <AddressBar />
        <ExportMenu />
        <ThemeSelect theme={theme} onTheme={setTheme} />
        <LessonsToggle />
      </div>
      <main
        className="workspace"
        style={{
          gridTemplateColumns: `minmax(260px, 1fr) 5px ${sideWidth}px 5px ${xmlWidth}px`,
          gridTemplateRows: `minmax(200px, 1fr) 5px ${problemsHeight}px`,
        }}
      >
        <div className="pane pane-graph">
          <GraphView />
        </div>
        <Splitter orientation="vertical" value={inspectorWidth} onChange={setInspectorWidth} min={200} max={480} invert label="Resize inspector" className="split-inspector" />
        <div className="pane pane-inspector">{lessonsOpen ? <LessonsPanel /> : <Inspector />}</div>
        <Splitter orientation="vertical" value={xmlWidth} onChange={setXmlWidth} min={280} max={900} invert label="Resize XML pane" className="split-xml" />
        <div className="pane pane-xml">
          <XmlPane />
        </div>
        <Splitter orientation="horizontal" value={problemsHeight} onChange={setProblemsHeight} min={60} max={420} invert label="Resize problems panel" className="split-problems" />
        <div className="pane pane-problems">
          <ProblemsPanel />
          <div className="pane-change">
            <ChangePanel />
          </div>
        </div>
      </main>
      <Notices />
      <Glossary />
    </div>
  );
}
