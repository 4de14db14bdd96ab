/**
 * "What happened": the last operation in plain words (the core's summary:
 * what changed, which images stay valid), the nodes it added, removed and
 * renumbered, and the commands that do the same on a real host (virsh and
 * QMP, each with a Copy button). Mounted by the app shell.
 */
import type { HostCommands } from '../../core/commands';
import type { DerivedDoc, NodeView } from '../../core/derive';
import { derive } from '../../core/derive';
import type { DomainDoc } from '../../core/model/types';
import { useEditor } from '../../state/store';
import { CommandBlock } from './CommandBlock';
import { JobControls } from './JobControls';
import type { ChangeRecord, LastChange } from './store';
import { useOps } from './store';
import './ops.css';

function nodeText(v: NodeView): string {
  return `${v.headline} (${v.aside})${v.source ? ` ${v.source}` : v.isQuorum ? ' quorum' : ''}`;
}

/** Nodes kept by the operation whose position or id is not what it was. */
function renumbered(before: DerivedDoc, after: DerivedDoc): string[] {
  const out: string[] = [];
  for (const [uid, a] of after.byUid) {
    const b = before.byUid.get(uid);
    if (b && (b.headline !== a.headline || b.aside !== a.aside)) {
      out.push(`${b.headline} (${b.aside}) → ${a.headline} (${a.aside})`);
    }
  }
  return out;
}

function List({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div className="cp-list">
      <h4>{title}</h4>
      <ul aria-label={title}>
        {items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </div>
  );
}

function Changes({ change, record, doc }: { change: LastChange; record: ChangeRecord | null; doc: DomainDoc }) {
  const after = derive(record?.after ?? doc);
  const before = record ? derive(record.before) : null;
  const added = change.added.map((u) => after.byUid.get(u)).filter((v): v is NodeView => v !== undefined).map(nodeText);
  const removed = before
    ? change.removed.map((u) => before.byUid.get(u)).filter((v): v is NodeView => v !== undefined).map(nodeText)
    : change.removed.length > 0
      ? [`${change.removed.length} node${change.removed.length === 1 ? '' : 's'}`]
      : [];
  return (
    <>
      <List title="Added (highlighted in the graph)" items={added} />
      <List title="Removed from the disk" items={removed} />
      <List title="Renumbered" items={before ? renumbered(before, after) : []} />
    </>
  );
}

function Commands({ commands, note }: { commands: HostCommands; note: string | null }) {
  return (
    <section className="cp-commands" aria-label="Host commands">
      <h3>On a real host</h3>
      {note && <p className="cp-note">{note}</p>}
      {commands.virsh.length > 0 && <CommandBlock title="virsh" label="virsh commands" text={commands.virsh.join('\n')} />}
      {commands.prepare.length > 0 && <CommandBlock title="Before QMP: create the images (sh)" label="image commands" text={commands.prepare.join('\n')} />}
      {commands.qmp.length > 0 && <CommandBlock title="QMP" label="QMP commands" text={commands.qmp.map((c) => JSON.stringify(c, null, 2)).join('\n')} />}
      {commands.notes.length > 0 && (
        <ul className="cp-notes">
          {commands.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ChangePanel() {
  const change = useEditor((s) => s.lastChange);
  const doc = useEditor((s) => s.doc);
  const record = useOps((s) => s.record);
  // The record explains the store's lastChange only if it was made for it (graph edits make none).
  const rec = record && record.change === change ? record : null;
  const undone = rec !== null && doc === rec.before;
  const derived = derive(doc);
  return (
    <section className="change-panel" aria-label="What happened">
      <h2 className="cp-title">What happened</h2>
      {!change ? (
        <p className="cp-empty">Run an operation (toolbar: Operations) to see what it changes, which images stay valid, and the commands that do the same on a host.</p>
      ) : (
        <p className="cp-message">
          <strong>{change.label}{undone ? ' (undone)' : ''}:</strong> {change.message}
        </p>
      )}
      {/* A ready job waits for the user: its controls stay here until it ends. */}
      {derived.disks.map((d) => d.mirror && <JobControls key={d.uid} derived={derived} disk={d.index} onDone={() => undefined} />)}
      {change && <Changes change={change} record={rec} doc={doc} />}
      {rec?.commands ? <Commands commands={rec.commands} note={rec.commandsNote} /> : rec?.commandsNote ? <p className="cp-note">{rec.commandsNote}</p> : null}
    </section>
  );
}
