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

  private value(v: FlatValue): unknown {
    if (!Array.isArray(v)) return v;
    if (v.length === 0) return undefined;
    if (v[0] === -1) return Number(v[1]);
    return this.made[v[0] as number];
  }

  step(budget: number): boolean {
    const end = Math.min(this.flat.entries.length, this.filled + budget);
    for (let i = this.filled; i < end; i++) {
      const [kind, items] = this.flat.entries[i]!;
      const target = this.made[i]!;
      if (kind === 'a') for (const x of items) (target as unknown[]).push(this.value(x));
      else if (kind === 's') for (const x of items) (target as Set<unknown>).add(this.value(x));
      else if (kind === 'm') for (let k = 0; k < items.length; k += 2) (target as Map<unknown, unknown>).set(this.value(items[k]!), this.value(items[k + 1]!));
      else for (let k = 0; k < items.length; k += 2) (target as Record<string, unknown>)[items[k] as string] = this.value(items[k + 1]!);
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

/** The whole table at once (tests, small values). */
export function unflatten<T>(flat: Flat): T {
  const u = new Unflattener<T>(flat);
  u.step(Infinity);
  return u.result;
}
