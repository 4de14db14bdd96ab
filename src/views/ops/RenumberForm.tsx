/** Renumber (domain.md §2): fresh ids for every node, only while the guest is offline. */
import type { OpRequest } from '../../core/ops/request';
import { perform } from '../../core/operations/registry';
import { rules } from '../../core/dialect/rules';
import { perform as run } from '../../state/store';
import type { FormProps } from './parts';
import { ApplyBar, refusal } from './parts';

const RENUMBER: OpRequest = { kind: 'renumber' };

export function RenumberForm({ doc, onDone }: FormProps) {
  const fresh = rules(doc).freshRule;
  const rule = `${fresh[0]!.toUpperCase()}${fresh.slice(1)}.`;
  return (
    <form className="ops-form" aria-label="Renumber" onSubmit={(e) => e.preventDefault()}>
      <p className="ops-lead">Gives every node a fresh id and restarts the counter. No image changes; only the names do.</p>
      <p className="ops-note">{rule}</p>
      <ApplyBar
        reason={refusal([], () => perform(doc, RENUMBER))}
        label="Renumber"
        onApply={() => {
          const r = run(RENUMBER);
          if (r === null) onDone();
          return r;
        }}
      />
    </form>
  );
}
