/** The context menu of a node: the shared node actions, keyboard-navigable. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { derive } from '../../core/derive';
import { useEditor } from '../../state/store';
import { NODE_ACTIONS } from './actions';

export function NodeMenu({ uid, x, y, onClose }: { uid: string; x: number; y: number; onClose: () => void }) {
  const doc = useEditor((s) => s.doc);
  const derived = derive(doc);
  const v = derived.byUid.get(uid);
  const ref = useRef<HTMLDivElement>(null);
  // The menu is long (graph edits and operations): keep it inside the graph pane, which clips what overflows.
  const [shift, setShift] = useState({ x: 0, y: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    const pane = el?.offsetParent as HTMLElement | null;
    if (!el || !pane) return;
    setShift({ x: Math.min(0, pane.clientWidth - (x + el.offsetWidth) - 4), y: Math.min(0, pane.clientHeight - (y + el.offsetHeight) - 4) });
  }, [x, y]);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);
  if (!v) return null;
  return (
    <div
      className="node-menu"
      role="menu"
      aria-label={`Actions for ${v.headline}`}
      ref={ref}
      style={{ left: Math.max(0, x + shift.x), top: Math.max(0, y + shift.y) }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          e.stopPropagation();
          const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <div className="node-menu-title">{v.headline} <span className="node-menu-aside">{v.aside}</span></div>
      {NODE_ACTIONS.map((a) => (
        <button
          key={a.id}
          role="menuitem"
          disabled={!a.enabled(v, derived)}
          title={!a.enabled(v, derived) && a.why ? a.why(v, derived) : undefined}
          onClick={() => {
            onClose();
            a.run(v, derived);
          }}
        >
          <span>{a.label}</span>
          {a.shortcut && <kbd>{a.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
