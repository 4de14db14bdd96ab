/**
 * A layer the host tools see and the XML lacks, drawn while "Compare with
 * host" is shown: dashed and translucent, like the image node it would be,
 * with a "host only" badge. Not a node of the document, so it takes no
 * clicks (its Fix is in the comparison list).
 */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { fitPath } from '../../core/text/fitPath';
import type { GhostFlowNode } from './ghostFlow';
import './ghost.css';

/** As the image nodes: what fits at 12px monospace (the whole path is the title). */
const SOURCE_CHARS = 26;

export const GhostNode = memo(function GhostNode(p: NodeProps<GhostFlowNode>) {
  const { path, format, kind, fixable } = p.data;
  return (
    <div className="sn gn" title={p.data.message}>
      <Handle type="target" position={Position.Top} className="sn-handle" isConnectable={false} />
      <div className="sn-head">
        <div className="sn-numbers">
          <span className="sn-pos">not in XML</span>
        </div>
        <span className="gn-badge">host only</span>
      </div>
      <div className="sn-kind">
        <span className="sn-type">{kind ?? 'no type'}</span>
        <span className={`sn-format sn-format-${format ?? 'none'}`}>{format ?? 'format?'}</span>
        <span className="gn-hint">{fixable ? 'Fix adds it' : 'add the one above first'}</span>
      </div>
      <div className="sn-source" title={path ?? undefined}>{path ? fitPath(path, SOURCE_CHARS) : '—'}</div>
      <Handle type="source" position={Position.Bottom} className="sn-handle" isConnectable={false} />
    </div>
  );
});
