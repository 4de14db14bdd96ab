/**
 * What an image header says, read from an image-info object: the entries
 * of `qemu-img info --output=json` and the `image` of a QMP block node
 * have the same shape (QEMU's ImageInfo).
 */
import type { HeaderFacts } from './types';
import type { JsonObject } from './json';
import { bool, obj, str } from './json';

export function headerFacts(info: JsonObject): HeaderFacts {
  const data = obj(obj(info, 'format-specific') ?? {}, 'data');
  return {
    backingName: str(info, 'backing-filename'),
    backingResolved: str(info, 'full-backing-filename'),
    backingFormat: str(info, 'backing-filename-format'),
    dirty: bool(info, 'dirty-flag') === true,
    corrupt: data !== null && bool(data, 'corrupt') === true,
  };
}

/** Whether a header says anything a finding is about (so a merge keeps the richer one). */
export function saysSomething(h: HeaderFacts | null): boolean {
  return h !== null && (h.backingName !== null || h.dirty || h.corrupt);
}
