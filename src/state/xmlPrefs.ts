/** The XML pane's own preference: wrap long lines (on unless the user turned it off). */
import { readRaw, writeRaw } from './storage';

const KEY = 'strata.xml.wrap';

export function loadXmlWrap(): boolean {
  return readRaw(KEY) !== '0';
}

export function saveXmlWrap(on: boolean): void {
  writeRaw(KEY, on ? '1' : '0');
}
