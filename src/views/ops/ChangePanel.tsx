/**
 * "What happened": the last operation in plain words (the core's summary:
 * what changed, which images stay valid), the nodes it added, removed and
 * renumbered, and the commands that do the same on a real host (virsh and
 * QMP, each with a Copy button). Mounted by the app shell.
 */
import type { HostCommands } from '../../core/commands';
import type { DerivedDoc, NodeView } from '../../core/numbers/derive';
import { derive } from '../../core/numbers/derive';
import { useEditor } from '../../state/store';
import { CommandBlock } from './CommandBlock';
import { JobControls } from './JobControls';
import type { ChangeRecord } from '../../state/store';
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

function Changes({ record }: { record: ChangeRecord }) {
  const after = derive(record.after);
  const before = derive(record.before);
  const added = record.summary.added.map((u) => after.byUid.get(u)).filter((v): v is NodeView => v !== undefined).map(nodeText);
  const removed = record.summary.removed.map((u) => before.byUid.get(u)).filter((v): v is NodeView => v !== undefined).map(nodeText);
  return (
    <>
      <List title="Added (highlighted in the graph)" items={added} />
      <List title="Removed from the disk" items={removed} />
      <List title="Renumbered" items={renumbered(before, after)} />
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
  const doc = useEditor((s) => s.doc);
  // Undo brings back the record of the operation before (it is tracked with the document).
  const rec = useEditor((s) => s.record);
  const derived = derive(doc);
  return (
    <section className="change-panel" aria-label="What happened">
      <h2 className="cp-title">What happened</h2>
      {!rec ? (
        <p className="cp-empty">Run an operation (toolbar: Operations) to see what it changes, which images stay valid, and the commands that do the same on a host.</p>
      ) : (
        <p className="cp-message">
          <strong>{rec.title}:</strong> {rec.summary.message}
        </p>
      )}
      {/* A ready job waits for the user: its controls stay here until it ends. */}
      {derived.disks.map((d) => d.mirror && <JobControls key={d.uid} derived={derived} disk={d.index} onDone={() => undefined} />)}
      {rec && <Changes record={rec} />}
      {rec?.commands ? <Commands commands={rec.commands} note={rec.commandsNote} /> : rec?.commandsNote ? <p className="cp-note">{rec.commandsNote}</p> : null}
    </section>
  );
}
