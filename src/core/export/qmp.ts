/**
 * The whole topology as QMP (domain.md §5): the blockdev-add sequence that
 * builds every disk's node graph in a running QEMU, children first (a node
 * can only name nodes that already exist), disks in document order. This is
 * also the way out for a quorum, which libvirt XML cannot express.
 */
import type { QmpCommand } from '../commands/types';
import type { DomainDoc } from '../model/types';
import { postorder } from '../model/walk';
import { imageAdds, imageArgs, readOnlyUids } from './blockdev';

export { ExportError } from './protocol';

/** Throws ExportError when a node cannot be opened by QEMU as written (no source, raw with a backing file, ...). */
export function exportQmp(doc: DomainDoc): QmpCommand[] {
  const out: QmpCommand[] = [];
  doc.disks.forEach((disk, di) => {
    const ro = readOnlyUids(disk.src);
    for (const node of postorder(disk.src)) out.push(...imageAdds(imageArgs(doc, di, node, ro.has(node.uid))));
  });
  return out;
}
