/** The "… N layers …" node of a long chain; Expand draws them all (state/collapse.ts). */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { expandGroup } from '../../state/collapse';
import type { CollapsedFlowNode } from './collapseFlow';
import { thousands } from '../../core/text/thousands';

export function CollapsedNode({ data }: NodeProps<CollapsedFlowNode>) {
  const n = data.group.uids.length;
  return (
    <div className="sn sn-collapsed">
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="sn-collapsed-count">… {thousands(n)} layers …</div>
      <div className="sn-collapsed-range">
        {data.first} … {data.last}
      </div>
      <button type="button" className="sn-collapsed-expand nodrag" onClick={() => expandGroup(data.group.id)} title={n > 500 ? `Draws ${thousands(n)} nodes: the canvas gets slow` : undefined}>
        Draw all
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
