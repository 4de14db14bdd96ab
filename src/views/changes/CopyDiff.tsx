/**
 * Copy diff: the unified text (`diff -u`, with `---`/`+++` headers) to the
 * clipboard. The text is made at the click, so its `+++` time is the
 * moment of copying. As in the operations panel (ops/CommandBlock.tsx),
 * where the clipboard is refused the text is shown selected for Ctrl+C; the
 * textarea is inside the dialog, the only part of the page a modal leaves
 * usable.
 */
import { useEffect, useRef, useState } from 'react';

type State = { readonly kind: 'idle' } | { readonly kind: 'copied'; readonly lines: number } | { readonly kind: 'manual'; readonly text: string };

export function CopyDiff({ make, disabled }: { make: () => string; disabled: boolean }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.kind === 'manual') area.current?.select();
    if (state.kind !== 'copied') return;
    const t = window.setTimeout(() => setState({ kind: 'idle' }), 2500);
    return () => window.clearTimeout(t);
  }, [state]);

  const copy = async () => {
    const text = make();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied', lines: text.split('\n').length - 1 });
    } catch {
      setState({ kind: 'manual', text });
    }
  };

  return (
    <>
      <button type="button" className="chg-copy" onClick={() => void copy()} disabled={disabled} title="Copy the changes as a unified diff (diff -u)">
        Copy diff
      </button>
      <span className="chg-status" role="status">
        {state.kind === 'copied' ? `Copied ${state.lines} lines of unified diff.` : ''}
      </span>
      {state.kind === 'manual' && (
        <div className="chg-manual">
          <p>The clipboard is not available here: the diff is selected, press Ctrl+C.</p>
          <textarea ref={area} readOnly value={state.text} aria-label="Unified diff (selected for copying)" rows={8} />
        </div>
      )}
    </>
  );
}
