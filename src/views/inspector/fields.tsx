/**
 * Form fields that commit on change (selects) or on blur/Enter (text), never
 * per keystroke. A refused value is not written: the field shows the model
 * value again and the reason next to it.
 */
import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { Choice } from './model';

/** Returns the refusal reason, or null when the value was written. */
export type Commit = (value: string) => string | null;

function FieldError({ id, text }: { id: string; text: string | null }) {
  if (text === null) return null;
  return (
    <p id={id} className="insp-error" role="alert">
      {text}
    </p>
  );
}

/** Clears a shown error when the model value changes under the field (undo, XML typing). */
function useModelReset(value: string, onReset: () => void): void {
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    onReset();
  }
}

interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onCommit: Commit;
  readonly placeholder?: string;
  readonly numeric?: boolean;
  readonly mono?: boolean;
  /** Shown after the input (e.g. "of 3"). */
  readonly suffix?: ReactNode;
}

export function TextField({ label, value, onCommit, placeholder, numeric, mono, suffix }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  // The value last sent, so Enter followed by blur does not commit twice.
  const sent = useRef<string | null>(null);
  useModelReset(value, () => {
    setDraft(value);
    setError(null);
    sent.current = null;
  });

  const commit = (): void => {
    if (draft === value || draft === sent.current) return;
    sent.current = draft;
    const reason = onCommit(draft);
    setError(reason);
    if (reason !== null) {
      sent.current = null;
      setDraft(value);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setDraft(value);
      setError(null);
    }
  };

  return (
    <div className="insp-field">
      <label htmlFor={id}>{label}</label>
      <div className="insp-control">
        {mono ? (
          // A path is shown whole: the field wraps and grows with its text (field-sizing), one line when it fits; Enter still commits.
          <textarea
            id={id}
            className="insp-mono insp-wrap"
            rows={1}
            value={draft}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => setDraft(e.target.value.replace(/\n/g, ''))}
            onBlur={commit}
            onKeyDown={onKeyDown}
          />
        ) : (
          <input
            id={id}
            value={draft}
            placeholder={placeholder}
            inputMode={numeric ? 'numeric' : undefined}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={onKeyDown}
          />
        )}
        {suffix}
      </div>
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}

interface SelectFieldProps {
  readonly label: string;
  readonly value: string;
  readonly options: readonly Choice[];
  readonly onCommit: Commit;
}

export function SelectField({ label, value, options, onCommit }: SelectFieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useModelReset(value, () => setError(null));
  return (
    <div className="insp-field">
      <label htmlFor={id}>{label}</label>
      <div className="insp-control">
        <select
          id={id}
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          onChange={(e) => setError(e.target.value === value ? null : onCommit(e.target.value))}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}

/** A value the inspector shows but cannot edit. */
export function ReadOnlyField({ label, value, title }: { label: string; value: string; title?: string }) {
  const id = useId();
  return (
    <div className="insp-field">
      <label htmlFor={id}>{label}</label>
      <div className="insp-control">
        <input id={id} className="insp-mono" value={value} readOnly title={title} />
      </div>
    </div>
  );
}

interface RadioGroupProps {
  readonly legend: string;
  readonly value: string;
  readonly options: readonly Choice[];
  readonly onCommit: Commit;
}

export function RadioGroup({ legend, value, options, onCommit }: RadioGroupProps) {
  const name = useId();
  const [error, setError] = useState<string | null>(null);
  useModelReset(value, () => setError(null));
  return (
    <fieldset className="insp-radios" aria-describedby={error !== null ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="insp-radio">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => setError(onCommit(o.value))} />
          <span>{o.label}</span>
        </label>
      ))}
      <FieldError id={`${name}-error`} text={error} />
    </fieldset>
  );
}
