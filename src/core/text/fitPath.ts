/**
 * A path shortened to fit a width in characters, keeping what tells images
 * apart: the file name and its extension. The directory goes first, whole
 * segments at a time (`/var/lib/…/web01.snap1.qcow2`); a file name too long by itself loses its
 * middle, never its extension (`web01.snap-20…0301.qcow2`). The full path
 * stays available (a tooltip, the inspector): this is for display only.
 */

const ELLIPSIS = '…';

/** Shortens `s` in the middle to `max` characters (at least 1 each side). */
export function middleEllipsis(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const room = Math.max(2, max - 1);
  const head = Math.ceil(room / 2);
  const tail = room - head;
  return chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - tail).join('');
}

/** `path` in at most `max` characters (code points), keeping the file name and extension whenever they fit. */
export function fitPath(path: string, max: number): string {
  const chars = [...path];
  if (chars.length <= max) return path;
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dir = path.slice(0, slash + 1);
  const nameLen = [...name].length;
  if (slash >= 0 && nameLen + 2 <= max) {
    // Keep the directory's first whole segments (`/var/lib/…/`) when there is room, else just `…/`.
    const room = max - nameLen - 2;
    let start = '';
    for (const seg of dir.split('/').slice(0, -1)) {
      const next = start === '' && seg === '' ? '/' : `${start}${seg}/`;
      if ([...next].length > room) break;
      start = next;
    }
    return `${start}${ELLIPSIS}/${name}`;
  }
  // Room for the name and an ellipsis, not for the slash too: the name whole counts more than the slash.
  if (slash >= 0 && nameLen + 1 <= max) return `${ELLIPSIS}${name}`;
  // The file name alone is too long: keep its extension whole and shorten its stem in the middle.
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 8 ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  const lead = slash >= 0 ? `${ELLIPSIS}/` : '';
  const room = max - [...lead].length - [...ext].length;
  if (room < 3) return middleEllipsis(name, max);
  return lead + middleEllipsis(stem, room) + ext;
}
