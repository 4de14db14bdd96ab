/**
 * QEMU's file names as its tools print them. A name is a plain path, or
 * `json:{…}`: the options QEMU needs when a plain name cannot say it all
 * (an explicit backing node, `"backing": null`, a quorum). libvirt opens
 * every layer with explicit options, so most of its format nodes print a
 * json: name; the path is the innermost `file.filename`.
 */
import type { Json, JsonObject } from './json';
import { get, isObject, obj, parseJson, str } from './json';

export interface Located {
  readonly path: string;
  readonly type: 'file' | 'block';
}

/** The protocol drivers that open a local path; anything else (nbd, iscsi, rbd, ...) is a network image. */
const LOCAL: Readonly<Record<string, 'file' | 'block'>> = { file: 'file', host_device: 'block', host_cdrom: 'block' };

/** A block device lives under /dev (qemu-img opens it with the file driver too). */
export function typeOfPath(path: string): 'file' | 'block' {
  return path.startsWith('/dev/') ? 'block' : 'file';
}

/** The options of a `json:` name, or null for a plain name (or one that is not valid JSON). */
export function jsonOptions(filename: string): JsonObject | null {
  if (!filename.startsWith('json:')) return null;
  const parsed = parseJson(filename.slice(5));
  return parsed.ok && isObject(parsed.value) ? parsed.value : null;
}

export type Location = { ok: true; at: Located } | { ok: false; why: string };

/** Where a node's options say its data is: follows `file` down to the protocol node (iteratively: options can nest deep). */
export function locateOptions(options: JsonObject): Location {
  let o: JsonObject = options;
  for (let depth = 0; depth < 10_000; depth++) {
    const driver = str(o, 'driver');
    const filename = str(o, 'filename');
    if (filename !== null && (driver === null || driver in LOCAL)) return { ok: true, at: { path: filename, type: driver ? LOCAL[driver]! : typeOfPath(filename) } };
    const file: Json | undefined = get(o, 'file');
    if (typeof file === 'string') return locateName(file);
    if (!isObject(file)) return { ok: false, why: driver ? `the '${driver}' driver (not a local file or block device)` : 'options without a file name' };
    o = file;
  }
  return { ok: false, why: 'options nested too deep' };
}

/** Where a printed file name points. */
export function locateName(filename: string): Location {
  const options = jsonOptions(filename);
  if (options) return locateOptions(options);
  if (filename.startsWith('json:')) return { ok: false, why: `a json: name that is not valid JSON ('${filename.slice(0, 60)}')` };
  // A URL (nbd://, iscsi://, ...) or a protocol prefix (nbd:host:port) is a network image.
  if (/^[a-z][a-z0-9+.-]*:/i.test(filename) && !filename.startsWith('/')) return { ok: false, why: `the network name '${filename}'` };
  if (filename === '') return { ok: false, why: 'an empty file name' };
  return { ok: true, at: { path: filename, type: typeOfPath(filename) } };
}

/** What a json: name says about the backing link: a node description, `null` (none, explicitly), or undefined (not said: the header decides). */
export function backingOption(filename: string): JsonObject | null | undefined {
  const options = jsonOptions(filename);
  if (!options) return undefined;
  const b = get(options, 'backing');
  if (b === null) return null;
  return isObject(b) ? b : undefined;
}

/** A quorum's members and threshold, from its json: name. */
export function quorumOptions(filename: string): { children: JsonObject[]; threshold: number | null } | null {
  const options = jsonOptions(filename);
  if (!options || str(options, 'driver') !== 'quorum') return null;
  const children = get(options, 'children');
  const t = get(options, 'vote-threshold');
  return {
    children: Array.isArray(children) ? children.filter(isObject) : [],
    threshold: typeof t === 'number' && Number.isInteger(t) ? t : typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : null,
  };
}

/** The format driver of node options (`{"driver": "qcow2", "file": …}`). */
export function driverOf(options: JsonObject): string | null {
  return str(options, 'driver');
}

export function fileOf(options: JsonObject): JsonObject | null {
  return obj(options, 'file');
}

export function isRelative(path: string): boolean {
  return !path.startsWith('/');
}

/** The directory part of a path as qemu's path_combine takes it: up to the last '/', or nothing. */
function dirPart(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/**
 * A backing name resolved as QEMU does: relative to the overlay's
 * directory, by plain concatenation (`sub/` + `../mid.qcow2` is
 * `sub/../mid.qcow2`; neither QEMU nor libvirt 9.0 folds the `..`).
 */
export function resolveBacking(overlay: string, backing: string): string {
  return isRelative(backing) ? dirPart(overlay) + backing : backing;
}

/** A relative name the tool was given, placed in the directory it ran in. */
export function inDirectory(dir: string | null, path: string): string {
  if (dir === null || !isRelative(path) || dir === '') return path;
  return dir.endsWith('/') ? dir + path : `${dir}/${path}`;
}
