/**
 * Ids as the XML writes them (domain.md §2): libvirt `index='N'`, the proposal
 * `node='[N]'`. libvirt's index is an unsigned int, so 1 to 4294967295; text
 * outside that (`0`, `-1`, `1.5`, `99999999999999999999`) is not an id: the
 * reader diagnoses it and keeps it as written, never rounds or drops it.
 */
import type { Dialect } from '../model/types';
import { rules } from '../dialect/rules';

export const MAX_ID = 4294967295;

/** The id a text names in a dialect, or null when it names none. Surrounding whitespace is allowed (libvirt trims too). */
export function parseIdText(text: string, dialect: Dialect): number | null {
  const t = text.trim();
  const digits = rules(dialect).idAttribute === 'index' ? /^[1-9][0-9]{0,9}$/.exec(t)?.[0] : /^\[([0-9]{1,10})\]$/.exec(t)?.[1];
  if (digits === undefined) return null;
  const n = Number(digits);
  return n <= MAX_ID ? n : null;
}

/** What a dialect expects, for messages. */
export function idExpectation(dialect: Dialect): string {
  return rules(dialect).idAttribute === 'index' ? `a whole number from 1 to ${MAX_ID}` : `'[N]' with N a whole number up to ${MAX_ID}`;
}

/** An id as the dialect writes it: `5` (index='5') or `[5]` (node='[5]'). */
export function formatId(id: number, dialect: Dialect): string {
  return rules(dialect).idAttribute === 'index' ? String(id) : `[${id}]`;
}

/** The attribute text in a message: `index='5'` or `node='[5]'`. */
export function idAttributeText(text: string, dialect: Dialect): string {
  return `${rules(dialect).idAttribute}='${text}'`;
}
