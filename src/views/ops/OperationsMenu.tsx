/**
 * The toolbar's Operations menu: one item per operation, each opening the
 * dialog on it (for the selected node). It also mounts the dialog, so the
 * toolbar is all the app needs for operations.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditor } from '../../state/store';
import { OperationDialog } from './OperationDialog';
import { openOperations } from '../../state/dialogs';
import { OP_TABS } from './tabs';

export function OperationsMenu() {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const selected = useEditor((s) => s.selection?.uid ?? null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!at) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const close = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setAt(null);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [at]);

  const toggle = () => {
    if (at) return setAt(null);
    // The toolbar scrolls sideways (overflow), which would clip a dropdown inside it: the menu is fixed, under the button.
    const r = button.current!.getBoundingClientRect();
    setAt({ x: r.left, y: r.bottom + 4 });
  };

  return (
    <>
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={at !== null} onClick={toggle} title="Snapshot, commit, pull, copy, backup, quorum, renumber">
        Operations <span aria-hidden="true">▾</span>
      </button>
      {at &&
        createPortal(
          <div
            className="ops-menu"
            role="menu"
            aria-label="Operations"
            ref={menu}
            style={{ left: at.x, top: at.y }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' || e.key === 'Tab') {
                setAt(null);
                button.current?.focus();
              }
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
                const i = items.indexOf(document.activeElement as HTMLButtonElement);
                items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
              }
            }}
          >
            {OP_TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="menuitem"
                onClick={() => {
                  setAt(null);
                  // The dialog gives focus back to what had it when it opened: the button, not this soon-gone item.
                  button.current?.focus();
                  openOperations(t.id, selected);
                }}
              >
                {t.label}…
              </button>
            ))}
          </div>,
          document.body,
        )}
      <OperationDialog />
    </>
  );
}
