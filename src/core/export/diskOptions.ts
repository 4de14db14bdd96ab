/**
 * The disk-wide settings of a disk's `<driver>` and `<readonly/>` that QMP
 * has a place for, as libvirt passes them to -blockdev (its qemublocktest
 * data): `cache` on every node, `discard` on format nodes, `io` as the top
 * protocol node's `aio`, `detect_zeroes` on the top format node (checked on
 * libvirt 9.0: query-named-block-nodes shows detect_zeroes only there).
 */
import type { DiskDef } from '../model/types';
import { isMark } from '../model/types';
import { getAttr, isElement } from '../xml/tree';

export interface DiskOptions {
  readonly cache: { readonly direct: boolean; readonly 'no-flush': boolean } | null;
  readonly discard: 'unmap' | 'ignore' | null;
  readonly aio: 'native' | 'threads' | 'io_uring' | null;
  readonly detectZeroes: 'on' | 'off' | 'unmap' | null;
  readonly readOnly: boolean;
}

/** libvirt's cache modes as QEMU's BlockdevCacheOptions (writethrough is the device's write-cache, not a node option). */
const CACHE: Readonly<Record<string, DiskOptions['cache']>> = {
  none: { direct: true, 'no-flush': false },
  directsync: { direct: true, 'no-flush': false },
  writeback: { direct: false, 'no-flush': false },
  writethrough: { direct: false, 'no-flush': false },
  unsafe: { direct: false, 'no-flush': true },
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const cache = new WeakMap<DiskDef, DiskOptions>();

export function diskOptions(disk: DiskDef): DiskOptions {
  const hit = cache.get(disk);
  if (hit) return hit;
  const driver = disk.src.formatEl?.name === 'driver' ? disk.src.formatEl : null;
  const out: DiskOptions = {
    cache: CACHE[getAttr(driver, 'cache') ?? ''] ?? null,
    discard: oneOf(getAttr(driver, 'discard'), ['unmap', 'ignore'] as const),
    aio: oneOf(getAttr(driver, 'io'), ['native', 'threads', 'io_uring'] as const),
    detectZeroes: oneOf(getAttr(driver, 'detect_zeroes'), ['on', 'off', 'unmap'] as const),
    readOnly: disk.children.some((c) => !isMark(c) && isElement(c) && c.name === 'readonly'),
  };
  cache.set(disk, out);
  return out;
}
