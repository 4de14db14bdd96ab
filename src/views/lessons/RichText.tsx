/** Lesson text: `code`, **bold**, and glossary terms as links that open the glossary there. */
import { parseRich } from '../../core/lessons/richText';
import { openGlossary } from './lessonStore';

export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseRich(text).map((s, i) => {
        if (s.kind === 'code') return <code key={i}>{s.text}</code>;
        if (s.kind === 'bold') return <strong key={i}>{s.text}</strong>;
        if (s.kind === 'term') {
          return (
            <button key={i} type="button" className="term-link" title={`Glossary: ${s.term}`} onClick={() => openGlossary(s.term)}>
              {s.text}
            </button>
          );
        }
        return <span key={i}>{s.text}</span>;
      })}
    </>
  );
}
