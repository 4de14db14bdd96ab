/**
 * The whole topology as QMP (domain.md §5): the blockdev-add sequence that
 * builds every disk's node graph in a running QEMU, children first (a node
 * can only name nodes that already exist), disks in document order. This is
 * also the way out for a quorum, which libvirt XML cannot express.
 *
 * What the export leaves out is said, never silently dropped: a disk with no
 * medium (an empty cdrom) has nothing to open; a network `<auth>` needs a
 * secret object the document cannot hold; a qcow2 `<dataStore>` (external
 * data file) is not exported.
 */
import type { QmpCommand } from './qmpCommand';
import type { DomainDoc, SrcNode } from '../model/types';
import { postorder, preorder } from '../model/walk';
import { diskTarget } from '../numbers/names';
import { nodeLabel as label } from '../ops/locate';
import { childElements, isElement } from '../xml/tree';
import { imageAdds, imageArgs, readOnlyUids } from './blockdev';

export { ExportError } from './protocol';

export interface QmpPlan {
  readonly commands: QmpCommand[];
  /** What the commands leave out, one sentence each. */
  readonly notes: string[];
}

/** A disk with no image at all: its top has no source and nothing below it (an empty cdrom or floppy). */
export function hasNoMedium(doc: DomainDoc, di: number): boolean {
  const src = doc.disks[di]!.src;
  return src.source === null && src.backing.length === 0 && src.type !== 'quorum';
}

function missingParts(doc: DomainDoc, di: number, node: SrcNode): string[] {
  const out: string[] = [];
  const what = label(doc, di, node);
  if (node.source && childElements(node.source, 'auth').length > 0) {
    out.push(`${what} has a network <auth>: add the secret object QEMU needs (object-add of a 'secret') and the user/key-secret options by hand; the document holds no secret.`);
  }
  const data = node.extras.some((x) => isElement(x) && x.name === 'dataStore') || (node.source?.children.some((x) => isElement(x) && x.name === 'dataStore') ?? false);
  if (data) out.push(`${what} has a <dataStore> (a qcow2 external data file), which the export does not include: add its protocol node and the format node's data-file option by hand.`);
  return out;
}

/** Throws ExportError when a node cannot be opened by QEMU as written (no source, raw with a backing file, ...). */
export function exportQmpPlan(doc: DomainDoc): QmpPlan {
  const commands: QmpCommand[] = [];
  const notes: string[] = [];
  doc.disks.forEach((disk, di) => {
    if (hasNoMedium(doc, di)) {
      notes.push(`${diskTarget(disk, di)} has no medium (no <source>), so there is nothing to open; it is left out.`);
      return;
    }
    const ro = readOnlyUids(disk.src);
    for (const node of postorder(disk.src)) commands.push(...imageAdds(imageArgs(doc, di, node, ro.has(node.uid))));
    for (const v of preorder(disk.src)) notes.push(...missingParts(doc, di, v.node));
  });
  return { commands, notes };
}

export function exportQmp(doc: DomainDoc): QmpCommand[] {
  return exportQmpPlan(doc).commands;
}
