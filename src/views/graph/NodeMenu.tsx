/**
 * The context menu of a node: the node actions of the core's catalogue (one
 * label, one reason why not, everywhere), keyboard-navigable. A disabled item
 * says why on hover and to screen readers.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { derive } from '../../core/numbers/derive';
import { nodeActions } from '../../core/operations/nodeActions';
import { useEditor } from '../../state/store';
import { runAction } from '../shared/actions';

export function NodeMenu({ uid, x, y, onClose }: { uid: string; x: number; y: number; onClose: () => void }) {
  const doc = useEditor((s) => s.doc);
  const derived = derive(doc);
  const v = derived.byUid.get(uid);
  const whyId = useId();
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
    ref.current?.querySelector<HTMLButtonElement>('button:not([aria-disabled=true])')?.focus();
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
          const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <div className="node-menu-title">{v.headline} <span className="node-menu-aside">{v.aside}</span></div>
      {nodeActions(doc, derived, v).map((a, i) => {
        const why = a.available === true ? null : a.available;
        return (
          <button
            key={a.id}
            role="menuitem"
            // Focusable while unavailable, so the reason can be read (aria-disabled, not disabled).
            aria-disabled={why !== null}
            aria-describedby={why !== null ? `${whyId}-${i}` : undefined}
            title={why ?? undefined}
            className={why !== null ? 'node-menu-off' : undefined}
            onClick={() => {
              if (why !== null) return;
              onClose();
              runAction(a, v.uid);
            }}
          >
            <span>{a.label}</span>
            {a.shortcut && <kbd>{a.shortcut === 'Delete' ? 'Del' : a.shortcut}</kbd>}
            {why !== null && (
              <span id={`${whyId}-${i}`} className="sr-only">
                {why}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
