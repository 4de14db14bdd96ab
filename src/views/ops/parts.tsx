/** Pieces every operation form shares: labelled fields, a node picker, and the apply bar with the refusal reason. */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';
import type { DomainDoc } from '../../core/model/types';
import type { OpResult } from '../../core/ops';
import { optionOf } from './choices';

/** What each form gets from the dialog. */
export interface FormProps {
  readonly doc: DomainDoc;
  readonly derived: DerivedDoc;
  /** The node the dialog was opened for (context menu), or the selection. */
  readonly uid: string | null;
  /** Called after an operation was applied: the dialog closes. */
  readonly onDone: () => void;
}

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="ops-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="ops-hint">{hint}</p>}
    </div>
  );
}

export function NodeSelect({ label, nodes, value, onChange, derived, empty }: {
  label: string;
  nodes: readonly NodeView[];
  value: string;
  onChange: (uid: string) => void;
  derived: DerivedDoc;
  /** A first choice meaning "none" (value ''). */
  empty?: string;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={nodes.length === 0 && empty === undefined}>
          {empty !== undefined && <option value="">{empty}</option>}
          {nodes.length === 0 && empty === undefined && <option value="">(no node fits)</option>}
          {nodes.map((v) => (
            <option key={v.uid} value={v.uid}>{optionOf(derived, v).label}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The reason an operation would be refused, or null: the first blocker, else the core's dry run. */
export function refusal(blockers: readonly (string | null | undefined)[], preview: (() => OpResult) | null): string | null {
  for (const b of blockers) if (b) return b;
  if (!preview) return null;
  const r = preview();
  return r.ok ? null : r.reason;
}

/**
 * The apply button and, right above it, why it cannot run. The reason is
 * the core's own refusal (from a dry run on the current document), so the
 * form never says something the operation would not.
 */
export function ApplyBar({ reason, label, onApply, note }: { reason: string | null; label: string; onApply: () => string | null; note?: ReactNode }) {
  const id = useId();
  return (
    <div className="ops-apply">
      {note && <p className="ops-note">{note}</p>}
      <p id={id} className={reason ? 'ops-refusal' : 'ops-refusal ops-refusal-empty'} aria-live="polite">
        {reason ?? ''}
      </p>
      <button type="submit" className="ops-primary" disabled={reason !== null} aria-describedby={reason ? id : undefined} onClick={(e) => {
        e.preventDefault();
        onApply();
      }}>
        {label}
      </button>
    </div>
  );
}
