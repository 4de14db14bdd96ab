/**
 * The QMP outputs about QEMU's block graph, read into plain tables:
 * - `query-named-block-nodes` (flat or not): every node with its driver,
 *   file name and the file name of its backing node (`backing_file`);
 * - `x-debug-query-block-graph`: node names and the edges between them
 *   (`file`, `backing`, `children.N`; `root` from a device's backend);
 * - `query-block`: the devices and the node each one uses.
 * Each reader checks the shape it needs and says what it expected.
 */
import type { Json, JsonObject } from './json';
import { bool, get, has, isObject, num, obj, str } from './json';
import { ImportError } from './types';

export interface QNode {
  readonly name: string;
  readonly drv: string;
  /** QEMU's file name of the node (a path, or json:{…}). */
  readonly file: string;
  /** The file name of its backing node, when it has one. */
  readonly backingFile: string | null;
  readonly ro: boolean;
  /** Its ImageInfo (the header, as QEMU read it). */
  readonly image: JsonObject | null;
}

export interface Edge {
  readonly parent: string;
  readonly child: string;
  readonly name: string;
}

export interface Device {
  /** The qdev id (libvirt's alias), when the device has one. */
  readonly alias: string | null;
  /** The node the device uses; null for a drive with no medium. */
  readonly root: string | null;
  /** The device's image chain as query-block prints it (for query-block alone). */
  readonly image: JsonObject | null;
  readonly inserted: JsonObject | null;
  /** A removable drive (cdrom, floppy). */
  readonly removable: boolean;
}

function objects(v: Json, what: string, expected: string): JsonObject[] {
  if (!Array.isArray(v)) throw new ImportError(`This is not ${what} output: ${expected}.`);
  v.forEach((e, i) => {
    if (!isObject(e)) throw new ImportError(`This looks like JSON but not ${what} output: ${expected}; element ${i + 1} is not an object.`);
  });
  return v as JsonObject[];
}

export function looksLikeNamedNodes(first: JsonObject): boolean {
  return has(first, 'node-name') && has(first, 'drv');
}

export function readNamedNodes(v: Json): QNode[] {
  const expected = "expected an array of objects with 'node-name', 'drv' and 'file' (query-named-block-nodes)";
  const what = 'query-named-block-nodes';
  return objects(v, what, expected).map((n, i) => {
    const name = str(n, 'node-name');
    const drv = str(n, 'drv');
    const file = str(n, 'file');
    if (name === null || drv === null || file === null) {
      const key = name === null ? 'node-name' : drv === null ? 'drv' : 'file';
      throw new ImportError(`This looks like JSON but not ${what} output: ${expected}; element ${i + 1} has no string '${key}'.`);
    }
    return { name, drv, file, backingFile: str(n, 'backing_file'), ro: bool(n, 'ro') === true, image: obj(n, 'image') };
  });
}

export function looksLikeBlockGraph(v: JsonObject): boolean {
  return has(v, 'nodes') && has(v, 'edges');
}

export interface BlockGraph {
  readonly drivers: readonly string[];
  readonly edges: readonly Edge[];
  /** Device backends (their qdev path) and the node each one roots. */
  readonly backends: readonly { readonly name: string; readonly root: string }[];
}

export function readBlockGraph(v: Json): BlockGraph {
  const expected = "expected an object with 'nodes' (id, name, type) and 'edges' (parent, child, name) (x-debug-query-block-graph)";
  const bad = (why: string): ImportError => new ImportError(`This looks like JSON but not x-debug-query-block-graph output: ${expected}; ${why}.`);
  if (!isObject(v)) throw bad('it is not an object');
  const nodes = get(v, 'nodes');
  const edges = get(v, 'edges');
  if (!Array.isArray(nodes) || !Array.isArray(edges)) throw bad("'nodes' and 'edges' must be arrays");
  const byId = new Map<number, { name: string; type: string }>();
  nodes.forEach((n, i) => {
    const id = isObject(n) ? num(n, 'id') : null;
    const name = isObject(n) ? str(n, 'name') : null;
    const type = isObject(n) ? str(n, 'type') : null;
    if (id === null || name === null || type === null) throw bad(`node ${i + 1} needs a numeric 'id' and string 'name' and 'type'`);
    byId.set(id, { name, type });
  });
  const out: Edge[] = [];
  const backends: { name: string; root: string }[] = [];
  edges.forEach((e, i) => {
    const p = isObject(e) ? num(e, 'parent') : null;
    const c = isObject(e) ? num(e, 'child') : null;
    const name = isObject(e) ? str(e, 'name') : null;
    const parent = p === null ? undefined : byId.get(p);
    const child = c === null ? undefined : byId.get(c);
    if (!parent || !child || name === null) throw bad(`edge ${i + 1} needs 'parent' and 'child' ids of listed nodes and a string 'name'`);
    if (parent.type === 'block-backend') backends.push({ name: parent.name, root: child.name });
    else if (parent.type === 'block-driver' && child.type === 'block-driver') out.push({ parent: parent.name, child: child.name, name });
  });
  const drivers = [...byId.values()].filter((n) => n.type === 'block-driver').map((n) => n.name);
  return { drivers, edges: out, backends };
}

export function looksLikeQueryBlock(first: JsonObject): boolean {
  return (has(first, 'device') || has(first, 'qdev')) && (has(first, 'inserted') || has(first, 'removable') || has(first, 'locked'));
}

/** `/machine/peripheral/virtio-disk0/virtio-backend` → `virtio-disk0`: libvirt's alias is the device's qdev id. */
export function aliasOfQdev(qdev: string): string | null {
  if (!qdev.startsWith('/')) return qdev === '' ? null : qdev;
  const m = /^\/machine\/peripheral\/([^/]+)/.exec(qdev);
  return m ? m[1]! : null;
}

export function readQueryBlock(v: Json): Device[] {
  const expected = "expected an array of objects with 'device' or 'qdev' and 'inserted' (query-block)";
  return objects(v, 'query-block', expected).map((d, i) => {
    const qdev = str(d, 'qdev');
    const device = str(d, 'device');
    if (qdev === null && device === null) throw new ImportError(`This looks like JSON but not query-block output: ${expected}; element ${i + 1} has neither.`);
    const inserted = obj(d, 'inserted');
    const alias = qdev !== null ? aliasOfQdev(qdev) : device ? device.replace(/^drive-/, '') : null;
    return { alias, root: inserted ? str(inserted, 'node-name') : null, image: inserted ? obj(inserted, 'image') : null, inserted, removable: bool(d, 'removable') === true };
  });
}
