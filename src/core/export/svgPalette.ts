/**
 * The colours of an exported graph: the app's theme variables (styles.css),
 * so the picture looks like the canvas in the theme it was exported from.
 * The view reads the live values (getComputedStyle) through `paletteFrom`;
 * the built-in light and dark sets are the fallback, and what tests use.
 */
export interface SvgPalette {
  readonly bg: string;
  readonly panel: string;
  readonly panel2: string;
  readonly border: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly accentSoft: string;
  readonly danger: string;
  readonly warn: string;
  readonly quorum: string;
  readonly edge: string;
  readonly active: string;
  readonly nodeImage: string;
  readonly nodeQuorum: string;
}

/** Which CSS custom property each colour comes from. */
export const PALETTE_VARS: Readonly<Record<keyof SvgPalette, string>> = {
  bg: '--bg',
  panel: '--panel',
  panel2: '--panel-2',
  border: '--border',
  text: '--text',
  muted: '--muted',
  accent: '--accent',
  accentSoft: '--accent-soft',
  danger: '--danger',
  warn: '--warn',
  quorum: '--quorum',
  edge: '--edge',
  active: '--active',
  nodeImage: '--node-image',
  nodeQuorum: '--node-quorum',
};

/** styles.css `:root`. */
export const LIGHT: SvgPalette = {
  bg: '#f6f7f9',
  panel: '#ffffff',
  panel2: '#f0f2f5',
  border: '#d9dde3',
  text: '#1d2330',
  muted: '#5b6576',
  accent: '#2f6fde',
  accentSoft: '#e3ecfc',
  danger: '#c53030',
  warn: '#b7791f',
  quorum: '#7048c8',
  edge: '#7a8599',
  active: '#2f855a',
  nodeImage: '#ffffff',
  nodeQuorum: '#f3ecff',
};

/** styles.css `:root[data-theme='dark']`. */
export const DARK: SvgPalette = {
  bg: '#14171c',
  panel: '#1b1f26',
  panel2: '#232833',
  border: '#323946',
  text: '#e4e8ef',
  muted: '#9aa4b5',
  accent: '#6b9cff',
  accentSoft: '#233454',
  danger: '#ff7b7b',
  warn: '#f0b35a',
  quorum: '#b49cff',
  edge: '#8792a6',
  active: '#5fcf91',
  nodeImage: '#222833',
  nodeQuorum: '#2b2440',
};

/** A colour as CSS writes one (hex, rgb()/hsl()/oklch()… or a name): nothing that could break out of an attribute or a style sheet. */
const COLOUR = /^(#[0-9a-f]{3,8}|[a-z]+\([0-9a-z.,%/\s+-]*\)|[a-z]+)$/i;

/** The palette `read` gives (a CSS variable's value), each colour that is missing or odd taken from `fallback`. */
export function paletteFrom(read: (cssVar: string) => string, fallback: SvgPalette): SvgPalette {
  const out: Record<string, string> = {};
  for (const [key, cssVar] of Object.entries(PALETTE_VARS) as [keyof SvgPalette, string][]) {
    const v = read(cssVar).trim();
    out[key] = COLOUR.test(v) ? v : fallback[key];
  }
  return out as unknown as SvgPalette;
}

/** `palette` with every value that is not a plain colour replaced from `fallback` (the renderer trusts no caller with its style sheet). */
export function checkedPalette(palette: SvgPalette, fallback: SvgPalette): SvgPalette {
  const byVar = new Map(Object.entries(PALETTE_VARS).map(([key, cssVar]) => [cssVar, palette[key as keyof SvgPalette]]));
  return paletteFrom((cssVar) => byVar.get(cssVar) ?? '', fallback);
}
