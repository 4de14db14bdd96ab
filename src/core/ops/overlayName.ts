/**
 * Default file names for new overlays, from a pattern the user can set.
 * The default `{name}.snap{n}.{ext}` gives `web01.qcow2` → `web01.snap1.qcow2`
 * → `web01.snap2.qcow2`: an earlier `.snapN` (or whatever the pattern adds)
 * is replaced, never stacked (`base.snap1.snap2.snap3.qcow2` was the old
 * default), and the extension comes from the overlay's format, not from the
 * image below it (a qcow2 overlay on `vm.raw` is `vm.snap1.qcow2`).
 *
 * `{n}` is one more than the highest number the pattern already gave this
 * name in the document, so a name is never handed out twice while its image
 * is in the chain. (A file that left the chain may still exist on the host:
 * libvirt then refuses the snapshot, "external snapshot file ... already
 * exists", and nothing is overwritten; see docs/decisions.md.)
 */

export const DEFAULT_OVERLAY_PATTERN = '{name}.snap{n}.{ext}';

/** Extensions a name may end in that are dropped before the pattern's `{ext}` is added. */
const IMAGE_EXT = /\.(qcow2|qcow|img|raw|iso|qed|vmdk|vdi|vhd|vhdx)$/i;
const TOKENS = ['name', 'n', 'id', 'ext', 'date'] as const;
type Token = (typeof TOKENS)[number];

export interface OverlayNameInput {
  /** The image the overlay goes on: its path (a file or a block device), or null for a network source. */
  readonly base: string | null;
  /** The disk's target (`vda`), the name when the base has no usable path. */
  readonly target: string;
  /** The overlay's format: its file's extension. */
  readonly format: string;
  /** The id the overlay will take. */
  readonly id: number;
  /** Paths in use in the document: the new name avoids them. */
  readonly used: ReadonlySet<string>;
  /** Today as YYYYMMDD, for `{date}` (passed in: the core has no clock). */
  readonly date?: string;
}

/** Why a pattern cannot name overlays, or null. */
export function patternReason(pattern: string): string | null {
  if (pattern.trim() === '') return 'The name pattern is empty.';
  if (pattern.includes('/')) return 'The name pattern is a file name, without "/": the overlay goes next to the image it is on.';
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).find((t) => !(TOKENS as readonly string[]).includes(t));
  if (unknown !== undefined) return `The name pattern has an unknown field {${unknown}}; use {name}, {n}, {id}, {date} and {ext}.`;
  if (!/\{(n|id)\}/.test(pattern)) return 'The name pattern needs {n} or {id}, so each overlay gets its own name.';
  return null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function render(pattern: string, values: Readonly<Record<Token, string>>): string {
  return pattern.replace(/\{(name|n|id|ext|date)\}/g, (_m, t: Token) => values[t]);
}

/** A regular expression for what the pattern adds after `{name}` (before the extension), to strip it from a name. */
function suffixRe(pattern: string): RegExp | null {
  const i = pattern.indexOf('{name}');
  if (i < 0) return null;
  let rest = pattern.slice(i + '{name}'.length).replace(/\.?\{ext\}$/, '');
  if (rest === '') return null;
  rest = escapeRe(rest).replace(/\\\{(n|id)\\\}/g, '\\d+').replace(/\\\{date\\\}/g, '\\d{8}').replace(/\\\{(name|ext)\\\}/g, '.*?');
  return new RegExp(`${rest}$`);
}

/** `web01.snap3.qcow2` → `web01` (the file name without its extension and without what the pattern added). */
export function overlayStem(fileName: string, pattern: string): string {
  let stem = fileName.replace(IMAGE_EXT, '');
  const own = suffixRe(pattern);
  // Repeatedly: a name that already stacked (`base.snap1.snap2`) comes back to `base`.
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of [own, /\.snap\d+$/]) {
      if (re && re.test(stem) && stem.replace(re, '') !== '') {
        stem = stem.replace(re, '');
        changed = true;
      }
    }
  }
  return stem;
}

/** The overlay's default path, free in the document. Assumes `patternReason(pattern)` is null. */
export function overlayName(input: OverlayNameInput, pattern = DEFAULT_OVERLAY_PATTERN): string {
  const file = input.base !== null && input.base.startsWith('/') && !input.base.endsWith('/') ? input.base : null;
  // Next to a file; a block device's overlay is a file, so it goes to libvirt's images directory.
  const dir = file !== null && !file.startsWith('/dev/') ? file.slice(0, file.lastIndexOf('/')) || '' : '/var/lib/libvirt/images';
  const name = file !== null ? overlayStem(file.slice(file.lastIndexOf('/') + 1), pattern) : input.target;
  const ext = input.format === 'raw' ? 'img' : input.format;
  const fixed = { name, id: String(input.id), ext, date: input.date ?? '00000000' };
  // {n}: one more than the highest the pattern already gave this name here.
  const numbered = new RegExp(`^${escapeRe(`${dir}/`)}${escapeRe(render(pattern, { ...fixed, n: '\u0000' })).replace('\u0000', '(\\d+)')}$`);
  let n = 1;
  for (const p of input.used) {
    const m = numbered.exec(p);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  for (; ; n++) {
    const path = `${dir}/${render(pattern, { ...fixed, n: String(n) })}`;
    // Without {n} there is one candidate: if it is taken, the snapshot's own check says so.
    if (!input.used.has(path) || !pattern.includes('{n}')) return path;
  }
}
