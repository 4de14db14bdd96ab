/**
 * A block of commands with a Copy button. The clipboard API needs a secure
 * context and permission; where it fails, the text is shown selected in a
 * textarea so Ctrl+C copies it.
 */
import { useEffect, useRef, useState } from 'react';

export function CommandBlock({ title, text, label }: { title: string; text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state === 'manual') area.current?.select();
    if (state !== 'copied') return;
    const t = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(t);
  }, [state]);
  // A new operation's commands start without the old copy state.
  const [shown, setShown] = useState(text);
  if (shown !== text) {
    setShown(text);
    setState('idle');
  }

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <div className="cp-block">
      <div className="cp-block-head">
        <h4>{title}</h4>
        <button type="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {state === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {state === 'manual' ? (
        <>
          <p className="cp-manual" role="status">The clipboard is not available here: the text is selected, press Ctrl+C.</p>
          <textarea ref={area} className="cp-code" readOnly value={text} aria-label={`${title} (selected for copying)`} rows={Math.min(12, text.split('\n').length)} />
        </>
      ) : (
        <pre className="cp-code" aria-label={title}>{text}</pre>
      )}
    </div>
  );
}
