/** Node components: image layers, quorum nodes and the disk frames. Memoised; data objects are reused upstream. */
import { createContext, memo, useContext } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { FrameFlowNode, SrcFlowNode } from './flowModel';
import type { MirrorFlowNode } from './mirrorFlow';
import { fitPath } from '../../core/text/fitPath';

/** Characters of a source path that fit a node at 12px monospace (the full path is the tooltip and in the inspector). */
const SOURCE_CHARS = 26; // what 12 px monospace fits in a node, also with the active layer's wider border

/**
 * The node's one label, big, and its other number, quiet. libvirt: `vda[8]`
 * is what virsh means by it (index 8), `#2` the position; proposal: `vda[2]`
 * is the position, as the design mail addresses nodes, and the node name
 * carries the id.
 */
function Numbers({ v }: { v: SrcFlowNode['data']['view'] }) {
  const libvirt = v.aside.startsWith('#');
  const headTitle = libvirt ? `virsh address: ${v.headline} is the node with index ${v.id ?? '(none)'} (its id); position ${v.position} from the top` : `Address: position ${v.position} from the top (pre-order), as the proposal dialect addresses nodes`;
  const asideTitle = libvirt ? `Position ${v.position} (pre-order, top = #0): changes with every edit` : `Node name: id ${v.id ?? '(none)'}, stable while the guest runs`;
  return (
    <div className="sn-numbers">
      <span className="sn-pos" title={headTitle}>{v.headline}</span>
      <span className="sn-id" title={asideTitle}>{v.aside}</span>
    </div>
  );
}

/** What the last operation did here, on a tab above the node until the next change. */
function Mark({ data }: { data: SrcFlowNode['data'] }) {
  const m = data.mark;
  if (!m) return null;
  const lost = m.lost.length > 0 ? `removed below: ${m.lost.join(', ')}` : null;
  return (
    <div className="sn-marks">
      {m.added && <span className="sn-mark sn-mark-new" title="Added by the last operation">new</span>}
      {m.was && <span className="sn-mark sn-mark-was" title={`Renumbered by the last operation: it was ${m.was}`}>was {m.was}</span>}
      {lost && <span className="sn-mark sn-mark-lost" title={lost}>−{m.lost.length} below</span>}
    </div>
  );
}

function ChainEnd({ end }: { end: 'terminated' | 'open' | null }) {
  if (end === null) return null;
  return end === 'terminated' ? (
    <div className="sn-end sn-end-terminated" title="<backingStore/>: no backing file; nobody probes">
      <span className="sn-ground" aria-hidden="true" />
      <span>end</span>
    </div>
  ) : (
    <div className="sn-end sn-end-open" title="No <backingStore>: unknown, libvirt/QEMU will probe the image header">
      <span className="sn-probe" aria-hidden="true">?</span>
      <span>open (probed)</span>
    </div>
  );
}

function classes(p: NodeProps<SrcFlowNode>, kind: string): string {
  const d = p.data;
  return [
    'sn',
    kind,
    d.view.isActive ? 'sn-active' : '',
    p.selected ? 'sn-selected' : '',
    d.severity ? `sn-${d.severity}` : '',
    d.mark?.added ? 'sn-changed' : '',
    d.highlighted ? 'sn-highlight' : '',
  ].filter(Boolean).join(' ');
}

/**
 * Below this zoom no node text is readable: draw a bare box (the position
 * label, large) so dragging among hundreds of nodes stays within a frame.
 */
const FAR_ZOOM = 0.35;
export const isFar = (s: ReactFlowState): boolean => s.transform[2] < FAR_ZOOM;
/**
 * Whether the view is zoomed out past FAR_ZOOM, worked out once by GraphView and handed down: a useStore(isFar) in each
 * node was one more React Flow store subscriber per node, run at every drag step (500 of them, bench row 3).
 */
export const FarContext = createContext(false);

/**
 * A far node's handle: a bare element where React Flow measures a handle (classes `source`/`target`, its place from
 * React Flow's own handle classes), hidden, and not a <Handle>: each <Handle> subscribes to React Flow's store, and
 * with 500 far nodes on screen those subscriptions, and painting and hit-testing the handles, were most of each drag
 * step (bench row 3: 43 ms of main thread per step with them, 18 ms without). Nobody draws a link at this zoom.
 */
function FarHandle({ type, at, id }: { type: 'source' | 'target'; at: 'top' | 'bottom' | 'right'; id?: string }) {
  return <div className={`react-flow__handle react-flow__handle-${at} ${type} ${id ? 'sn-handle-job' : 'sn-handle'} sn-far-handle`} data-handlepos={at} data-handleid={id} />;
}

/** Below FAR_ZOOM: the position label alone, large, on a plain box. */
function FarNode({ p, kind }: { p: NodeProps<SrcFlowNode>; kind: string }) {
  return (
    <div className={`${classes(p, kind)} sn-far`}>
      <FarHandle type="target" at="top" />
      <span className="sn-far-label">{p.data.view.headline}</span>
      <FarHandle type="source" at="bottom" />
      <FarHandle type="source" at="right" id="job-out" />
      <FarHandle type="target" at="right" id="job-in" />
    </div>
  );
}

export const ImageNode = memo(function ImageNode(p: NodeProps<SrcFlowNode>) {
  const v = p.data.view;
  const far = useContext(FarContext);
  if (far) return <FarNode p={p} kind="sn-image" />;
  return (
    <div className={classes(p, 'sn-image')}>
      <Handle type="target" position={Position.Top} className="sn-handle" />
      <Mark data={p.data} />
      <div className="sn-head">
        <Numbers v={v} />
      </div>
      <div className="sn-kind">
        <span className="sn-type">{v.type ?? 'no type'}</span>
        <span className={`sn-format sn-format-${v.format ?? 'none'}`}>{v.format ?? 'no format'}</span>
        {v.isActive && <span className="sn-active-badge" title="Active layer: the guest writes here">active</span>}
      </div>
      <div className="sn-source" title={v.source ?? 'no source'}>{v.source ? fitPath(v.source, SOURCE_CHARS) : '—'}</div>
      <ChainEnd end={v.end} />
      <Handle type="source" position={Position.Bottom} className="sn-handle" />
      <JobHandles />
    </div>
  );
});

/** Where a block job's dashed edge leaves the active layer and reaches a commit's base: the right side, apart from the backing edges. Not for drawing connections. */
function JobHandles() {
  return (
    <>
      <Handle type="source" position={Position.Right} id="job-out" className="sn-handle-job" isConnectable={false} />
      <Handle type="target" position={Position.Right} id="job-in" className="sn-handle-job" isConnectable={false} />
    </>
  );
}

export const QuorumNode = memo(function QuorumNode(p: NodeProps<SrcFlowNode>) {
  const v = p.data.view;
  const t = v.threshold ?? '?';
  const far = useContext(FarContext);
  if (far) return <FarNode p={p} kind="sn-quorum" />;
  return (
    <div className={classes(p, 'sn-quorum')}>
      <Handle type="target" position={Position.Top} className="sn-handle" />
      <Mark data={p.data} />
      <div className="sn-head">
        <Numbers v={v} />
      </div>
      <div className="sn-vote" title={`A read succeeds when ${t} of ${v.members} members agree`}>
        <strong>{t} of {v.members}</strong> must agree
        <span className="sn-quorum-badge">quorum</span>
      </div>
      <div className="sn-members" title={p.data.memberNames.join(', ')}>{p.data.memberNames.join(' · ') || 'no members'}</div>
      <Handle type="source" position={Position.Bottom} className="sn-handle" />
      <JobHandles />
    </div>
  );
});

export const DiskFrame = memo(function DiskFrame(p: NodeProps<FrameFlowNode>) {
  const d = p.data;
  return (
    <div className="disk-frame">
      {/* One line that never wraps into the top node: the target first, the rest gives way (the whole line is the title). */}
      <div className="disk-frame-head" title={`${d.target}${d.device ? ` · ${d.device}` : ''}${d.alias ? ` · alias ${d.alias}` : ''} · next id ${d.counter}${d.dialectCounter}`}>
        <strong>{d.target}</strong>
        {d.device && <span className="disk-frame-device">{d.device}</span>}
        {d.alias && <span className="disk-frame-alias">{d.alias}</span>}
        <span className="disk-frame-counter" title={`The next id the counter hands out${d.dialectCounter}`}>next [{d.counter}]</span>
      </div>
    </div>
  );
});

/** One layer of a running copy job's `<mirror>`: dashed, since the guest does not run on it until a pivot. */
export const MirrorNode = memo(function MirrorNode(p: NodeProps<MirrorFlowNode>) {
  const { layer, index, job, ready } = p.data;
  return (
    <div className={`sn mn${index === 0 ? ' mn-head' : ''}`}>
      <Handle type="target" position={Position.Top} className="sn-handle" />
      <Handle type="target" position={Position.Left} id="side" className="sn-handle" />
      <div className="sn-head">
        <div className="sn-numbers">
          <span className="sn-pos">{index === 0 ? 'mirror' : `mirror +${index}`}</span>
          <span className="sn-id">{layer.id === null ? '[–]' : `[${layer.id}]`}</span>
        </div>
        {index === 0 && <span className="mn-badge">{job} · {ready === 'yes' ? 'ready' : (ready ?? 'running')}</span>}
      </div>
      <div className="sn-kind">
        <span className="sn-type">{layer.type ?? 'no type'}</span>
        <span className={`sn-format sn-format-${layer.format ?? 'none'}`}>{layer.format ?? 'no format'}</span>
      </div>
      <div className="sn-source" title={layer.source ?? 'no source'}>{layer.source ? fitPath(layer.source, SOURCE_CHARS) : '—'}</div>
      <ChainEnd end={layer.end} />
      <Handle type="source" position={Position.Bottom} className="sn-handle" />
    </div>
  );
});

export const nodeTypes = { image: ImageNode, quorum: QuorumNode, disk: DiskFrame, mirror: MirrorNode };
