/**
 * `query-block` alone: each device's `inserted.image`, with the chain
 * nested in `backing-image`. It names only the device's top node
 * (`inserted.node-name`), so only the top gets an id; given together with
 * query-named-block-nodes, that output builds the chains and this one
 * gives the devices (qemuGraph.ts).
 */
import { locateName } from './filenames';
import { headerFacts } from './header';
import type { JsonObject } from './json';
import { obj, str } from './json';
import { parseNodeName } from './qemuGraph';
import type { Device } from './qmpNodes';
import type { ImpDisk, ImpNode, Note, Observation } from './types';
import { ImportError, imageNode } from './types';

function chain(device: Device, input: string, notes: Note[]): ImpNode | null {
  if (!device.inserted) return null;
  let image: JsonObject | null = device.image;
  if (!image) throw new ImportError(`${input}: device ${device.alias ?? '(unnamed)'} has 'inserted' without an 'image'; this query-block output is cut short.`);
  const top = imageNode({ nodeName: device.root, id: device.root ? parseNodeName(device.root).id : null });
  let node = top;
  for (let depth = 0; image; depth++) {
    const filename = str(image, 'filename');
    const format = str(image, 'format');
    if (filename === null || format === null) throw new ImportError(`This looks like query-block output, but an image of device ${device.alias ?? '(unnamed)'} has no string 'filename' and 'format'.`);
    if (format === 'quorum') {
      throw new ImportError(`${input}: device ${device.alias ?? '(unnamed)'} uses a quorum, whose members query-block does not list; give query-named-block-nodes and x-debug-query-block-graph of the same guest.`);
    }
    const at = locateName(filename);
    if (!at.ok) throw new ImportError(`${input}: an image of device ${device.alias ?? '(unnamed)'} is ${at.why}; import reads local files and block devices only.`);
    node.type = at.at.type;
    node.path = at.at.path;
    node.format = format;
    node.header = headerFacts(image);
    node.end = 'terminated';
    image = obj(image, 'backing-image');
    if (image) {
      const next = imageNode({});
      node.below.push(next);
      node = next;
      if (depth === 0) {
        notes.push({ severity: 'info', code: 'import-no-index', input, node: next, message: `query-block names only the top node of ${device.alias ?? 'this device'}, so the layers below it have no id; give query-named-block-nodes of the same guest too.` });
      }
    }
  }
  return top;
}

export function readQueryBlockAlone(devices: readonly Device[], input: string): Observation {
  const notes: Note[] = [];
  const disks: ImpDisk[] = devices.map((d) => ({ target: null, device: d.removable ? 'cdrom' : null, alias: d.alias, top: chain(d, input, notes) }));
  return { format: 'query-block', input, disks, notes, chains: true };
}
