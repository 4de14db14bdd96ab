/**
 * The inspector: the selected node's numbers and kind, an editable form
 * (every edit goes through the store's gateway, one undo step each), node
 * actions, and the disk it belongs to.
 */
import type { DiskView, NodeView } from '../core/numbers/derive';
import { derive } from '../core/numbers/derive';
import { namesOf } from '../core/export/names';
import { useEditor } from '../state/store';
import { NodeActions } from './inspector/NodeActions';
import { NodeForm } from './inspector/NodeForm';
import { LinkPanel } from './inspector/LinkPanel';
import { kindOf } from './inspector/model';
import './panels.css';

function Header({ view }: { view: NodeView }) {
  return (
    <header className="insp-header">
      <div className="insp-title">
        <h2 className="insp-address" title={view.aside.startsWith('#') ? 'virsh address: the index (id) of the node' : 'Address: the position (pre-order), as the proposal dialect counts'}>
          {view.headline}
        </h2>
        <span className={view.isQuorum ? 'insp-kind insp-kind-quorum' : view.isActive ? 'insp-kind insp-kind-active' : 'insp-kind'}>{kindOf(view)}</span>
      </div>
      <dl className="insp-ids">
        <div>
          <dt>{view.aside.startsWith('#') ? 'Position' : 'Node'}</dt>
          <dd>{view.aside}</dd>
        </div>
        <QemuNames view={view} />
        {view.isQuorum && (
          <div>
            <dt>Votes</dt>
            <dd>
              {view.threshold ?? '?'} of {view.members}
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}

/**
 * What QEMU calls the node. `vda[4]` and `ide0-0-0[4]` are addresses for
 * people and virsh, not legal QEMU node-names (^[A-Za-z][A-Za-z0-9_.-]*$, at
 * most 31 bytes): QEMU gets libvirt's `libvirt-4-format` / `-storage`.
 */
function QemuNames({ view }: { view: NodeView }) {
  const doc = useEditor((s) => s.doc);
  let names: string;
  try {
    const n = namesOf(doc, view.node);
    names = [n.format, n.storage].filter(Boolean).join(' over ');
  } catch {
    return null;
  }
  return (
    <div title={`${view.headline} is an address for people and virsh, not a QEMU node-name (letters first, then letters, digits, _ . -; at most 31 bytes). QEMU knows the node as ${names}.`}>
      <dt>QEMU</dt>
      <dd>{names}</dd>
    </div>
  );
}

function DiskInfo({ disk, dialect, state }: { disk: DiskView; dialect: string; state: string }) {
  const rows: [string, string][] = [
    ['Target', disk.target],
    ['Alias', disk.alias ?? '—'],
    ['Device', disk.device ?? 'disk'],
    ['Dialect', `${dialect}, ${state}`],
  ];
  return (
    <section className="insp-disk" aria-label="Disk">
      <h3>Disk</h3>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function Inspector() {
  const doc = useEditor((s) => s.doc);
  const uid = useEditor((s) => s.selection?.uid ?? null);
  const edge = useEditor((s) => s.selectedEdge);
  const asking = useEditor((s) => s.linkRemovalAsked);
  const stale = useEditor((s) => s.parseError !== null);
  const derived = derive(doc);
  if (edge) return <LinkPanel doc={doc} derived={derived} edge={edge} ask={asking} />;
  const view = uid === null ? undefined : derived.byUid.get(uid);
  const disk = view ? derived.disks[view.disk] : undefined;

  if (!view || !disk) {
    return (
      <section className="inspector" aria-label="Inspector">
        <p className="insp-empty">Select a node in the graph or put the cursor in its XML.</p>
      </section>
    );
  }
  return (
    <section className="inspector" aria-label="Inspector">
      <Header view={view} />
      {stale && (
        <p className="insp-stale" role="note">
          The XML has an error: fix it before editing here.
        </p>
      )}
      {/* Keyed by node: switching nodes resets every field's pending text and error. */}
      <fieldset className="insp-body" disabled={stale} key={view.uid}>
        <legend className="sr-only">Properties of {view.headline}</legend>
        <NodeForm view={view} />
        <NodeActions view={view} derived={derived} />
      </fieldset>
      <DiskInfo disk={disk} dialect={doc.dialect} state={doc.state} />
    </section>
  );
}
