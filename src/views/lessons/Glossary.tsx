/**
 * The glossary: a dialog over the editor (a portal on <body>, so it can be
 * mounted once anywhere). Opened by `openGlossary(term?)` from any lesson's
 * term links, the lessons panel and the graph legend; Escape closes it.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { GLOSSARY, findTerm } from '../../core/lessons/glossary';
import { closeGlossary, openGlossary, useLessons } from './lessonStore';
import { RichText } from './RichText';
import './lessons.css';

const slug = (term: string): string => `glossary-${term.replace(/[^a-z0-9]+/gi, '-')}`;

function Body({ term }: { term: string | null }) {
  const [filter, setFilter] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const focus = term ? findTerm(term)?.term ?? null : null;
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    if (focus) root.querySelector<HTMLElement>(`#${slug(focus)}`)?.scrollIntoView({ block: 'center' });
    root.querySelector<HTMLInputElement>('input')?.focus();
  }, [focus]);
  const f = filter.trim().toLowerCase();
  const shown = GLOSSARY.filter((e) => f === '' || e.term.includes(f) || (e.aliases ?? []).some((a) => a.includes(f)) || e.text.toLowerCase().includes(f));
  return (
    <div
      className="glossary"
      role="dialog"
      aria-label="Glossary"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') closeGlossary();
      }}
    >
      <header className="glossary-head">
        <h2>Glossary</h2>
        <input type="search" aria-label="Filter the glossary" placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" aria-label="Close the glossary" onClick={closeGlossary}>×</button>
      </header>
      <dl className="glossary-list">
        {shown.map((e) => (
          <div key={e.term} id={slug(e.term)} className={e.term === focus ? 'glossary-entry glossary-focus' : 'glossary-entry'}>
            <dt>{e.term}</dt>
            <dd>
              <RichText text={e.text} />
              {e.see && e.see.length > 0 && (
                <span className="glossary-see">
                  {' '}See{' '}
                  {e.see.map((s, i) => (
                    <span key={s}>
                      {i > 0 && ', '}
                      <button type="button" className="term-link" onClick={() => openGlossary(s)}>{s}</button>
                    </span>
                  ))}
                  .
                </span>
              )}
            </dd>
          </div>
        ))}
        {shown.length === 0 && <p className="glossary-none">No term matches “{filter}”.</p>}
      </dl>
    </div>
  );
}

export function Glossary() {
  const g = useLessons((s) => s.glossary);
  if (!g.open) return null;
  // Keyed by the request, so each openGlossary(term) scrolls to its term again.
  return createPortal(<Body key={g.seq} term={g.term} />, document.body);
}
