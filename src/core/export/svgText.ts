/**
 * Text in an exported SVG: escaped for XML, and measured without a DOM.
 * The fonts are the system's (system-ui, monospace), so widths are
 * estimates: exact for a monospace font (0.6 em per character in DejaVu
 * Sans Mono, Menlo and Consolas alike, within 10 %), generous for the sans
 * serif, so a label never runs into the next one.
 */

/** The fonts of the app (styles.css --font and --mono), which every system resolves to something. */
export const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
export const MONO = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";

const MONO_EM = 0.61;
const SANS_EM = 0.56;

/** Characters XML 1.0 cannot carry (controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for element content or a quoted attribute value. */
export function esc(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

const length = (s: string): number => Array.from(s).length;

export const monoWidth = (s: string, size: number): number => length(s) * size * MONO_EM;
export const sansWidth = (s: string, size: number): number => length(s) * size * SANS_EM;

/** How many monospace characters of `size` fit in `width`. */
export const monoFit = (width: number, size: number): number => Math.max(1, Math.floor(width / (size * MONO_EM)));

/** A number for an attribute: at most two decimals, no `-0`. */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
