/**
 * The first-visit line: what Strata is for and the three ways in: learn
 * with the lessons (one click to the first one), paste a `virsh dumpxml`,
 * open an example. Dismissed once, it stays away (state/welcome.ts).
 */
import { useState } from 'react';
import { EXAMPLES } from '../core/examples';
import { loadDocument } from '../state/store';
import { dismissWelcome, welcomeDismissed } from '../state/welcome';
import { setLessonsOpen } from './lessons';
import { startLesson } from './lessons/lessonStore';
import { selectAllXml } from './XmlPane';

export function Welcome() {
  const [shown, setShown] = useState(() => !welcomeDismissed());
  if (!shown) return null;
  const close = () => {
    dismissWelcome();
    setShown(false);
  };
  return (
    <section className="welcome" aria-label="Welcome">
      <p className="welcome-text">
        <strong>Strata</strong>: libvirt backing chains as a graph, with the virsh and QMP lines for each change.
      </p>
      <div className="welcome-ways">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setLessonsOpen(true);
            startLesson(0);
          }}
        >
          Start the first lesson
        </button>
        <button type="button" onClick={() => selectAllXml()} title="Selects the XML pane: paste (Ctrl+V) the output of virsh dumpxml DOMAIN">
          Paste your <code>virsh dumpxml</code>
        </button>
        <label className="welcome-example">
          <span className="sr-only">Open an example</span>
          <select
            aria-label="Open an example"
            value=""
            onChange={(e) => {
              const ex = EXAMPLES.find((x) => x.id === e.target.value);
              if (ex) loadDocument(ex.text, ex.title);
            }}
          >
            <option value="">Open an example…</option>
            {EXAMPLES.map((ex) => (
              <option key={ex.id} value={ex.id}>{ex.title}</option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" className="welcome-close" aria-label="Dismiss the welcome line" title="Dismiss" onClick={close}>×</button>
    </section>
  );
}
