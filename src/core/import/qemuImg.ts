/**
 * `qemu-img info --output=json [--backing-chain] [-U] TOP`: one image, or
 * the chain top first. Each entry becomes a layer (type from the path,
 * format from `format`); the chain ends terminated where qemu-img found no
 * backing file, open where it did not look (without --backing-chain).
 * Paths are the names qemu-img printed: a relative backing file is already
 * resolved against its overlay's directory there (`full-backing-filename`);
 * a relative name the user gave stays relative unless `dir` says where
 * qemu-img ran.
 */
import type { Json, JsonObject } from './json';
import { has, isObject, str } from './json';
import { inDirectory, isRelative, locateName, resolveBacking } from './filenames';
import { headerFacts } from './header';
import type { ImpNode, Note, Observation } from './types';
import { ImportError, imageNode } from './types';

const EXPECTED = "expected an array of objects with 'filename' and 'format' (qemu-img info --backing-chain --output=json) or one such object";

/** Whether a JSON value has the shape of qemu-img info output (the detector's first look). */
export function looksLikeQemuImg(v: Json): boolean {
  const first = Array.isArray(v) ? v[0] : v;
  return isObject(first) && (has(first, 'filename') || has(first, 'virtual-size') || has(first, 'backing-filename')) && !has(first, 'node-name');
}

function entries(v: Json): JsonObject[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) throw new ImportError(`This is an empty JSON array, not qemu-img info output: ${EXPECTED}.`);
  list.forEach((e, i) => {
    const where = Array.isArray(v) ? `element ${i + 1}` : 'the object';
    if (!isObject(e)) throw new ImportError(`This looks like JSON but not qemu-img info output: ${EXPECTED}; ${where} is not an object.`);
    for (const key of ['filename', 'format']) {
      if (str(e, key) === null) throw new ImportError(`This looks like JSON but not qemu-img info output: ${EXPECTED}; ${where} has no string '${key}'.`);
    }
  });
  return list as JsonObject[];
}

export interface QemuImgOptions {
  /** Where qemu-img ran: relative names are placed there. */
  readonly dir: string | null;
}

export function readQemuImg(v: Json, input: string, options: QemuImgOptions): Observation {
  const list = entries(v);
  const notes: Note[] = [];
  const nodes: ImpNode[] = [];
  let expected: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const printed = str(e, 'filename')!;
    const where = locateName(printed);
    if (!where.ok) throw new ImportError(`${input}: layer ${i + 1} of the qemu-img output is ${where.why}; import reads local files and block devices only.`);
    const path = inDirectory(options.dir, where.at.path);
    const facts = headerFacts(e);
    // qemu-img resolved the backing name against a relative overlay name: place it where qemu-img ran too.
    const header = facts.backingResolved === null ? facts : { ...facts, backingResolved: inDirectory(options.dir, facts.backingResolved) };
    const node = imageNode({ type: where.at.type, path, format: str(e, 'format'), header });
    // qemu-img prints each backing file under the name its overlay resolved to; anything else is not one chain.
    if (expected !== null && expected !== printed) {
      notes.push({ severity: 'warning', code: 'import-mismatch', input, node, message: `qemu-img listed '${printed}' below an image whose backing file is '${expected}': the entries may not be one chain.` });
    }
    expected = facts.backingName === null ? null : (facts.backingResolved ?? resolveBacking(printed, facts.backingName));
    if (nodes.length > 0) nodes[nodes.length - 1]!.below.push(node);
    nodes.push(node);
  }
  const last = nodes[nodes.length - 1]!;
  const top = nodes[0]!;
  // Where qemu-img named a backing file it did not read, the chain is unknown below (merge.ts says so).
  last.end = expected === null ? 'terminated' : 'open';
  const first = list[0] ? str(list[0], 'filename') : null;
  if (first !== null && isRelative(first) && options.dir === null) {
    notes.push({
      severity: 'warning',
      code: 'import-relative-name',
      input,
      node: top,
      message: `qemu-img was given the relative name '${first}', so every path it printed is relative to the directory it ran in; libvirt needs absolute paths. Give that directory with --dir, or run qemu-img with an absolute path.`,
    });
  }
  return { format: 'qemu-img-info', input, disks: [{ target: null, device: null, alias: null, top }], notes, chains: expected === null };
}
