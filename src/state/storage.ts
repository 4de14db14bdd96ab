/**
 * The browser's storages, reached safely: `localStorage` (shared by every tab
 * of this origin) and `sessionStorage` (one per tab, kept across reloads).
 * Either may be missing (Node, a sandboxed frame), disabled (access throws) or
 * full (writes throw); callers get null or false, never an exception.
 */

function get(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return (globalThis as Partial<Record<typeof name, Storage>>)[name] ?? null;
  } catch {
    return null; // access itself throws when storage is disabled
  }
}

export const shared = (): Storage | null => get('localStorage');
export const perTab = (): Storage | null => get('sessionStorage');

export function readRaw(key: string, store: Storage | null = shared()): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** False when storage is missing, full or disabled. */
export function writeRaw(key: string, value: string, store: Storage | null = shared()): boolean {
  if (!store) return false;
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeRaw(key: string, store: Storage | null = shared()): void {
  try {
    store?.removeItem(key);
  } catch {
    // nothing to do: the value stays, and is ignored or overwritten later
  }
}

/** Every key of the shared storage that starts with `prefix`. */
export function keysWithPrefix(prefix: string): string[] {
  const store = shared();
  const out: string[] = [];
  try {
    if (!store) return out;
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k !== null && k.startsWith(prefix)) out.push(k);
    }
  } catch {
    // a disabled storage lists nothing
  }
  return out;
}
