/** The node-name checker (lesson 8): type a candidate, see whether QEMU would accept it, and why not. */
import { useId, useState } from 'react';
import { NODE_NAME_MAX_BYTES } from '../../core/lessons/simulate';
import { checkName, useLessons } from './lessonStore';

export function NameLab() {
  const [name, setName] = useState('');
  const verdict = useLessons((s) => s.verdict);
  const id = useId();
  const bytes = verdict ? new TextEncoder().encode(verdict.name).length : 0;
  return (
    <section className="lab" aria-label="Node-name checker">
      <form
        className="lab-controls nm-form"
        onSubmit={(e) => {
          e.preventDefault();
          checkName(name);
        }}
      >
        <label htmlFor={id}>Candidate node-name</label>
        <input id={id} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" placeholder="e.g. ide0-0-0[1]" />
        <button type="submit">Check name</button>
      </form>
      <p className="nm-rule">
        QEMU: <code>^[A-Za-z][A-Za-z0-9_.-]*$</code>, at most {NODE_NAME_MAX_BYTES} bytes, unique.
      </p>
      {verdict && (
        <div className={`lab-result lab-result-done ${verdict.legal ? 'nm-legal' : 'nm-illegal'}`} role="status" aria-live="polite">
          {verdict.legal ? (
            <span>
              ✓ <code>{verdict.name}</code> is a legal QEMU node-name ({bytes} of {NODE_NAME_MAX_BYTES} bytes).
            </span>
          ) : (
            <>
              <span>
                ✗ <code>{verdict.name || '(empty)'}</code> is not a legal QEMU node-name:
              </span>
              <ul>
                {verdict.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
