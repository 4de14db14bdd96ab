/**
 * Reading untrusted JSON without surprises: own properties only (a key
 * named `__proto__` or `constructor` is data), typed getters that return
 * null instead of throwing, and the QMP envelope unwrapped.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function has(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

export function get(o: JsonObject, key: string): Json | undefined {
  return has(o, key) ? o[key] : undefined;
}

export function str(o: JsonObject, key: string): string | null {
  const v = get(o, key);
  return typeof v === 'string' ? v : null;
}

export function num(o: JsonObject, key: string): number | null {
  const v = get(o, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function bool(o: JsonObject, key: string): boolean | null {
  const v = get(o, key);
  return typeof v === 'boolean' ? v : null;
}

export function obj(o: JsonObject, key: string): JsonObject | null {
  const v = get(o, key);
  return isObject(v) ? v : null;
}

export function arr(o: JsonObject, key: string): Json[] | null {
  const v = get(o, key);
  return Array.isArray(v) ? v : null;
}

export type Parsed = { ok: true; value: Json } | { ok: false; message: string };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** What a QMP reply wraps: `{"return": X, "id": …}` gives X; a bare value is itself. */
export type Unwrapped = { ok: true; value: Json } | { ok: false; message: string };

export function unwrapQmp(v: Json): Unwrapped {
  if (!isObject(v)) return { ok: true, value: v };
  if (has(v, 'return')) return { ok: true, value: v['return']! };
  const error = obj(v, 'error');
  if (error) {
    const desc = str(error, 'desc') ?? JSON.stringify(error);
    return { ok: false, message: `This is a QMP error reply, not a result: QEMU said "${desc}".` };
  }
  return { ok: true, value: v };
}
