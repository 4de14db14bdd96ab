/**
 * Moving a document between a Web Worker and the page. `postMessage`'s
 * structured clone is recursive: a 10,000-level chain (each level an object
 * in an array in an object) overflows it ("Maximum call stack size
 * exceeded", measured in Node and Chromium), so a DomainDoc is not
 * structured-clone-able as it is. `flatten` turns any tree or graph of plain
 * objects, arrays, Maps and Sets into one flat table (depth 3, whatever the
 * input's depth), iteratively, keeping shared references and cycles; the
 * table is sent as JSON text (cloning a string is a copy, and JSON.parse is
 * native). `Unflattener` rebuilds it in slices, so the page can yield
 * between them and never run one long task.
 */

/** An entry: its kind and its contents (object: key, value, key, value…; Map: the same; array/Set: values). */
export type FlatEntry = readonly ['o' | 'm' | 'a' | 's', readonly FlatValue[]];
/**
 * A value in the table: a string, boolean, null or finite number stands for
 * itself; `[i]` is entry i; `[]` is undefined; `[-1, 'NaN' | 'Infinity' | '-Infinity']` a non-finite number.
 */
export type FlatValue = string | number | boolean | null | readonly (number | string)[];

export interface Flat {
  readonly root: FlatValue;
  readonly entries: readonly FlatEntry[];
}

function kindOf(v: object): FlatEntry[0] {
  if (Array.isArray(v)) return 'a';
  if (v instanceof Map) return 'm';
  if (v instanceof Set) return 's';
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === Object.prototype || proto === null) return 'o';
  throw new TypeError(`flatten: cannot move a ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'class'} instance (plain data only)`);
}

/** The flat table of `value` (plain objects, arrays, Maps, Sets, JSON primitives, undefined; no functions or class instances). */
export function flatten(value: unknown): Flat {
  const index = new Map<object, number>();
  const objects: object[] = [];
  const entries: FlatEntry[] = [];
  const ref = (v: unknown): FlatValue => {
    if (v === undefined) return [];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : [-1, String(v)];
    if (typeof v !== 'object') throw new TypeError(`flatten: cannot move a ${typeof v}`);
    let i = index.get(v);
    if (i === undefined) {
      i = objects.length;
      index.set(v, i);
      objects.push(v);
    }
    return [i];
  };
  const root = ref(value);
  // Breadth-first over the table itself: no recursion, so no depth limit.
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    const kind = kindOf(o);
    const out: FlatValue[] = [];
    if (kind === 'a') for (const x of o as unknown[]) out.push(ref(x));
    else if (kind === 's') for (const x of o as Set<unknown>) out.push(ref(x));
    else if (kind === 'm') for (const [k, x] of o as Map<unknown, unknown>) out.push(ref(k), ref(x));
    else for (const k of Object.keys(o)) out.push(k, ref((o as Record<string, unknown>)[k]));
    entries.push([kind, out]);
  }
  return { root, entries };
}

/** Rebuilds a `Flat` in slices: `step(n)` does up to n entries and says whether it is done. */
export class Unflattener<T> {
  private readonly made: object[];
  private filled = 0;

  constructor(private readonly flat: Flat) {
    // Containers first (cheap), so any entry can point at any other, back or forward.
    this.made = flat.entries.map(([kind]) => (kind === 'a' ? [] : kind === 'm' ? new Map() : kind === 's' ? new Set() : {}));
  }

  /** A table value as the value it stands for (fill's callback). */
  value(v: FlatValue): unknown {
    if (!Array.isArray(v)) return v;
    if (v.length === 0) return undefined;
    if (v[0] === -1) return Number(v[1]);
    return this.made[v[0] as number];
  }

  step(budget: number): boolean {
    const end = Math.min(this.flat.entries.length, this.filled + budget);
    for (let i = this.filled; i < end; i++) {
      const [kind, items] = this.flat.entries[i]!;
      fill(kind, items, this.made[i]!, this);
    }
    this.filled = end;
    return this.done;
  }

  get done(): boolean {
    return this.filled >= this.flat.entries.length;
  }

  get result(): T {
    if (!this.done) throw new Error('Unflattener: not finished');
    return this.value(this.flat.root) as T;
  }
}

/**
 * A table as sent between threads: the kinds of all entries as one string (one letter each), and the entries'
 * contents as JSON texts of up to CHUNK entries each. Parsing one big JSON text is one long task on the page
 * (~0.25 s for a 10,000-level chain's answer, CPU profile); a chunk at a time, the page paints in between.
 */
export interface Wire {
  readonly root: FlatValue;
  readonly kinds: string;
  readonly chunks: readonly string[];
}

/** Entries per JSON chunk of a Wire: a few milliseconds to parse. */
export const CHUNK = 10_000;

export function toWire(flat: Flat, per = CHUNK): Wire {
  const chunks: string[] = [];
  for (let i = 0; i < flat.entries.length; i += per) chunks.push(JSON.stringify(flat.entries.slice(i, i + per).map((e) => e[1])));
  return { root: flat.root, kinds: flat.entries.map((e) => e[0]).join(''), chunks };
}

const KIND_LETTERS = new Set(['o', 'm', 'a', 's']);

/** Rebuilds a Wire in slices: `step(n)` parses at most one chunk and does up to n entries; says whether it is done. */
export class WireUnflattener<T> {
  private readonly made: object[] = [];
  private filled = 0;
  private chunk: readonly (readonly FlatValue[])[] = [];
  private chunkStart = 0;
  private nextChunk = 0;
  private readonly inner: { value(v: FlatValue): unknown };

  constructor(private readonly wire: Wire) {
    for (const k of wire.kinds) if (!KIND_LETTERS.has(k)) throw new TypeError(`unflatten: unknown entry kind ${JSON.stringify(k)}`);
    this.inner = { value: (v) => this.value(v) };
  }

  private container(i: number): object {
    let o = this.made[i];
    if (o === undefined) {
      const kind = this.wire.kinds[i];
      if (kind === undefined) throw new RangeError(`unflatten: entry ${i} does not exist`);
      o = kind === 'a' ? [] : kind === 'm' ? new Map() : kind === 's' ? new Set() : {};
      this.made[i] = o;
    }
    return o;
  }

  private value(v: FlatValue): unknown {
    if (!Array.isArray(v)) return v;
    if (v.length === 0) return undefined;
    if (v[0] === -1) return Number(v[1]);
    return this.container(v[0] as number);
  }

  step(budget: number): boolean {
    if (this.done) return true;
    if (this.filled >= this.chunkStart + this.chunk.length) {
      this.chunkStart = this.filled;
      this.chunk = JSON.parse(this.wire.chunks[this.nextChunk++] ?? '[]') as FlatValue[][];
      if (this.chunk.length === 0) throw new RangeError('unflatten: the wire has fewer entries than kinds');
      // A chunk's worth of entries is one parse; the filling goes on in the next steps.
      if (this.chunk.length > budget) return false;
    }
    const end = Math.min(this.chunkStart + this.chunk.length, this.filled + budget);
    for (let i = this.filled; i < end; i++) fill(this.wire.kinds[i] as FlatEntry[0], this.chunk[i - this.chunkStart]!, this.container(i), this.inner);
    this.filled = end;
    return this.done;
  }

  get done(): boolean {
    return this.filled >= this.wire.kinds.length;
  }

  get result(): T {
    if (!this.done) throw new Error('WireUnflattener: not finished');
    return this.value(this.wire.root) as T;
  }
}

function fill(kind: FlatEntry[0], items: readonly FlatValue[], target: object, u: { value(v: FlatValue): unknown }): void {
  if (kind === 'a') for (const x of items) (target as unknown[]).push(u.value(x));
  else if (kind === 's') for (const x of items) (target as Set<unknown>).add(u.value(x));
  else if (kind === 'm') for (let k = 0; k < items.length; k += 2) (target as Map<unknown, unknown>).set(u.value(items[k]!), u.value(items[k + 1]!));
  else for (let k = 0; k < items.length; k += 2) (target as Record<string, unknown>)[items[k] as string] = u.value(items[k + 1]!);
}

/** A Wire all at once (the worker side, tests). */
export function fromWire<T>(wire: Wire): T {
  const u = new WireUnflattener<T>(wire);
  while (!u.step(Infinity));
  return u.result;
}

/** The whole table at once (tests, small values). */
export function unflatten<T>(flat: Flat): T {
  const u = new Unflattener<T>(flat);
  u.step(Infinity);
  return u.result;
}
