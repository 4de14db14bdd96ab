/** What the arrows, ends and numbers mean. Collapsible so it never hides the graph for long. */
import { useState } from 'react';
import { rules } from '../../core/dialect/rules';
import { useEditor } from '../../state/store';
import { openGlossary } from '../lessons/lessonStore';

/** The node's two labels mean different things per dialect (domain.md §3): say which. */
function Labels() {
  const address = useEditor((s) => rules(s.doc).address);
  return address === 'id' ? (
    <>
      <dt><span className="lg-pos">vda[4]</span></dt>
      <dd>the node with index 4: its id, what virsh takes (<code>--top vda[4]</code>); never reused while the guest runs</dd>
      <dt><span className="lg-id">#1</span></dt>
      <dd>position: pre-order place in the disk (top = #0), changes with every edit</dd>
    </>
  ) : (
    <>
      <dt><span className="lg-pos">vda[2]</span></dt>
      <dd>position: pre-order place in the disk, as the 2014 proposal addresses nodes</dd>
      <dt><span className="lg-id">ide0-0-0[4]</span></dt>
      <dd>node name: the alias and the id from the counter, never reused while running</dd>
    </>
  );
}

export function Legend() {
  const [open, setOpen] = useState(false);
  return (
    <aside className={`legend${open ? '' : ' legend-closed'}`} aria-label="Legend">
      <div className="legend-head">
        <button className="legend-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          Legend
        </button>
        {/* Every word here (and more) is defined in the glossary the lessons use. */}
        <button className="legend-glossary" onClick={() => openGlossary()}>
          Glossary
        </button>
      </div>
      {open && (
        <dl>
          <dt><span className="lg-arrow" aria-hidden="true">B → A</span></dt>
          <dd>B is an overlay on its backing file A, written <code>[A] &lt;- [B]</code></dd>
          <dt><span className="lg-active">active</span></dt>
          <dd>the chain's active layer: the guest writes here</dd>
          <Labels />
          <dt><span className="lg-end-t" aria-hidden="true" /></dt>
          <dd>terminated: <code>&lt;backingStore/&gt;</code>, no backing file</dd>
          <dt><span className="lg-end-o" aria-hidden="true">?</span></dt>
          <dd>open: no element; QEMU probes the image header</dd>
          <dt><span className="lg-quorum">2 of 3</span></dt>
          <dd>quorum: members vote, a read needs the threshold to agree</dd>
          <dt><span className="sn-mark sn-mark-new">new</span></dt>
          <dd>what the last operation added, renumbered (<code>was …</code>) or removed, until the next change</dd>
        </dl>
      )}
    </aside>
  );
}
