/** The user's pattern for default overlay names (core/ops/overlayName), remembered in this browser. */
import { DEFAULT_OVERLAY_PATTERN } from '../core/ops/overlayName';
import { readRaw, writeRaw } from './storage';

const KEY = 'strata.overlayPattern';

export function loadNamePattern(): string {
  return readRaw(KEY) ?? DEFAULT_OVERLAY_PATTERN;
}

export function saveNamePattern(pattern: string): void {
  writeRaw(KEY, pattern);
}

/** Today as YYYYMMDD (local time), for a pattern's `{date}`. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
}
