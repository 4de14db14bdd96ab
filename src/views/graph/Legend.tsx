/** What the arrows, ends and numbers mean. Collapsible so it never hides the graph for long. */
import { useState } from 'react';
import { openGlossary } from '../lessons/lessonStore';

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
          <dt><span className="lg-pos">vda[2]</span></dt>
          <dd>position: pre-order place in the disk, renumbered on every edit</dd>
          <dt><span className="lg-id">[4]</span></dt>
          <dd>node id: from the counter when created, never reused while running</dd>
          <dt><span className="lg-end-t" aria-hidden="true" /></dt>
          <dd>terminated: <code>&lt;backingStore/&gt;</code>, no backing file</dd>
          <dt><span className="lg-end-o" aria-hidden="true">?</span></dt>
          <dd>open: no element; QEMU probes the image header</dd>
          <dt><span className="lg-quorum">2 of 3</span></dt>
          <dd>quorum: members vote, a read needs the threshold to agree</dd>
        </dl>
      )}
    </aside>
  );
}
