/** Node names (domain.md §2): what the dialect shows for a node, `ide0-0-0[4]` or `vda[4]`. */
import type { DomainDoc, SrcNode } from '../model/types';
import { diskAlias, diskTarget } from '../model/names';
import { rules } from '../dialect/rules';

export { diskAlias, diskDevice, diskTarget, sourcePathAttr, sourceText } from '../model/names';

/** The node name a dialect shows: `<alias>[<id>]` (proposal) or the virsh address `<target>[<id>]` (libvirt). */
export function nodeName(doc: DomainDoc, diskIndex: number, node: SrcNode): string | null {
  if (node.id === null) return null;
  const disk = doc.disks[diskIndex]!;
  const base = rules(doc).nodeNameBase === 'alias' ? diskAlias(disk) ?? diskTarget(disk, diskIndex) : diskTarget(disk, diskIndex);
  return `${base}[${node.id}]`;
}

