/**
 * The operations dialog: one tab per operation, each a form that offers only
 * valid choices and shows the core's refusal inline. Modal (focus stays in
 * it, Escape closes, focus returns to where it was) but light, so the graph
 * and the XML stay visible behind it while a job is ready.
 */
import { useEffect, useId, useRef } from 'react';
import type { ComponentType, KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { derive } from '../../core/numbers/derive';
import { useEditor } from '../../state/store';
import { CommitForm, PullForm } from './ChainForms';
import { BackupForm, CopyForm } from './CopyForms';
import type { FormProps } from './parts';
import { QuorumForm } from './QuorumForm';
import { RenumberForm } from './RenumberForm';
import { SnapshotForm } from './SnapshotForm';
import { closeOperations, switchTab } from '../../state/dialogs';
import type { OpTab } from './tabs';
import { OP_TABS } from './tabs';
import './ops.css';

const FORMS: Record<OpTab, ComponentType<FormProps>> = {
  snapshot: SnapshotForm,
  commit: CommitForm,
  pull: PullForm,
  copy: CopyForm,
  backup: BackupForm,
  quorum: QuorumForm,
  renumber: RenumberForm,
};

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab wrap around inside the dialog. */
function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (e.shiftKey && (document.activeElement === first || !root.contains(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

export function OperationDialog() {
  const open = useEditor((s) => s.opsDialog);
  const doc = useEditor((s) => s.doc);
  const selected = useEditor((s) => s.selection?.uid ?? null);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const seq = open?.seq ?? 0;
  const isOpen = open !== null;

  useEffect(() => {
    if (!isOpen) return;
    const before = document.activeElement as HTMLElement | null;
    const panel = ref.current?.querySelector('[role=tabpanel]');
    (panel?.querySelector<HTMLElement>(FOCUSABLE) ?? ref.current)?.focus();
    // Back to where the user was (the toolbar button, the graph node) when the dialog closes.
    return () => before?.focus?.();
  }, [isOpen, seq]);

  if (!open) return null;
  const derived = derive(doc);
  const Form = FORMS[open.tab];
  const current = OP_TABS.find((t) => t.id === open.tab)!;
  const tabId = (t: OpTab) => `${titleId}-tab-${t}`;
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = OP_TABS.findIndex((t) => t.id === open.tab);
    const j = e.key === 'Home' ? 0 : e.key === 'End' ? OP_TABS.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : OP_TABS.length - 1)) % OP_TABS.length;
    const next = OP_TABS[j]!.id;
    switchTab(next);
    requestAnimationFrame(() => document.getElementById(tabId(next))?.focus());
  };

  return createPortal(
    <div className="ops-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closeOperations()}>
      <div
        className="ops-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            closeOperations();
          } else if (e.key === 'Tab' && ref.current) trapTab(e, ref.current);
        }}
      >
        <header className="ops-header">
          <h2 id={titleId}>Operations: {current.label}</h2>
          <span className="ops-state">{doc.dialect} dialect · guest {doc.state}</span>
          <button type="button" className="ops-close" aria-label="Close" onClick={closeOperations}>×</button>
        </header>
        <div className="ops-tabs" role="tablist" aria-label="Operation" onKeyDown={onTabKey}>
          {OP_TABS.map((t) => (
            <button
              key={t.id}
              id={tabId(t.id)}
              type="button"
              role="tab"
              aria-selected={t.id === open.tab}
              aria-controls={`${titleId}-panel`}
              tabIndex={t.id === open.tab ? 0 : -1}
              onClick={() => switchTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="ops-panel" role="tabpanel" id={`${titleId}-panel`} aria-labelledby={tabId(open.tab)}>
          {/* Keyed by tab and opening: each opening starts from the node it was opened for. */}
          <Form key={`${open.tab}:${seq}`} doc={doc} derived={derived} uid={open.uid ?? selected} onDone={closeOperations} />
        </div>
      </div>
    </div>,
    document.body,
  );
}
