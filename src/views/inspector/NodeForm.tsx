/** The editable fields of one node: type, format, source, threshold, disk driver options and the chain end. */
import type { NodeView } from '../../core/numbers/derive';
import { perform } from '../../state/store';
import { RadioGroup, SelectField, TextField } from './fields';
import { SourceFields } from './SourceFields';
import { DRIVER_CHOICES, END_LABELS, FORMATS, TYPES, attrValue, choices, driverAttr, editFields } from './model';

interface Props {
  readonly view: NodeView;
}

function Threshold({ view }: Props) {
  const t = view.threshold ?? '';
  return (
    <TextField
      label="Threshold"
      numeric
      value={t}
      placeholder="votes"
      onCommit={(text) => editFields(view.uid, { threshold: text.trim() })}
      suffix={
        <span className="insp-suffix" aria-label={`${t || '?'} of ${view.members} members must agree`}>
          of {view.members}
        </span>
      }
    />
  );
}

function DriverOptions({ view }: Props) {
  return (
    <fieldset className="insp-group">
      <legend>Disk driver</legend>
      {DRIVER_CHOICES.map((c) => {
        const current = driverAttr(view, c.attr);
        return (
          <SelectField
            key={c.attr}
            label={c.label}
            value={current ?? ''}
            options={choices(c.values, current, '(default)')}
            onCommit={(v) => editFields(view.uid, { driverAttrs: { [c.attr]: attrValue(v) } })}
          />
        );
      })}
    </fieldset>
  );
}

export function NodeForm({ view }: Props) {
  const formats = view.isQuorum ? ['quorum'] : FORMATS;
  return (
    <div className="insp-form">
      <SelectField label="Type" value={view.type ?? ''} options={choices(TYPES, view.type)} onCommit={(v) => editFields(view.uid, { type: v })} />
      <SelectField label="Format" value={view.format ?? ''} options={choices(formats, view.format)} onCommit={(v) => editFields(view.uid, { format: v })} />
      {view.isQuorum ? (
        <>
          <Threshold view={view} />
          <p className="insp-note">
            {view.threshold ?? '?'} of {view.members} member{view.members === 1 ? '' : 's'} must agree on every read.
          </p>
        </>
      ) : (
        <SourceFields view={view} />
      )}
      {view.parentUid === null && <DriverOptions view={view} />}
      {view.end !== null && (
        <RadioGroup
          legend="Chain end"
          value={view.end}
          options={[
            { value: 'terminated', label: END_LABELS.terminated },
            { value: 'open', label: END_LABELS.open },
          ]}
          onCommit={(v) => perform({ kind: 'set-end', uid: view.uid, end: v === 'open' ? 'open' : 'terminated' })}
        />
      )}
    </div>
  );
}
