/**
 * A path too long for its box, shortened in the middle: what tells images
 * apart is the end (the file name and its extension), and the start says
 * where they live. So the file name is kept whole when it fits, with the
 * directory's first whole segments before it (`/var/lib/…/top.qcow2`); a file
 * name too long by itself keeps its start and its end with the extension
 * (`web01.snap…01T10.qcow2`). Counts code points, so an astral character is
 * never split. For display only: the full path stays in the document.
 */
const ELLIPSIS = '…';
/** A head shorter than this says nothing: drop to the file name alone. */
const MIN_HEAD = 2;

export function middleEllipsis(s: string, max: number): string {
  const cs = Array.from(s);
  if (cs.length <= max) return s;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  const slash = cs.lastIndexOf('/');
  // The file name with the slash before it (or the whole text when it has no slash).
  const tail = slash >= 0 ? cs.slice(slash) : cs;
  if (slash > 0 && tail.length + 1 + MIN_HEAD <= max) {
    const head = cs.slice(0, max - 1 - tail.length);
    // End the head after a whole segment when one fits (`/var/lib/`), not in the middle of a name.
    const cut = head.lastIndexOf('/');
    const kept = cut > 0 ? head.slice(0, cut + 1) : head;
    return kept.join('') + ELLIPSIS + tail.join('');
  }
  if (slash >= 0 && tail.length + 1 <= max) return ELLIPSIS + tail.join('');
  const name = slash >= 0 ? cs.slice(slash + 1) : cs;
  if (name.length + 1 <= max) return ELLIPSIS + name.join('');
  // The name alone is too long: its start, and its end with the extension (at least half the room for the end).
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.length - dot : 0;
  const room = max - 1;
  const tailLen = Math.min(name.length - 1, Math.max(ext <= room - MIN_HEAD ? ext : 0, Math.floor(room / 2)));
  const headLen = room - tailLen;
  return name.slice(0, headLen).join('') + ELLIPSIS + name.slice(name.length - tailLen).join('');
}
