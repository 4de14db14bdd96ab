/**
 * A small immutable XML tree: the lossless storage for everything Strata
 * does not model (the rest of a <domain>, unknown elements, comments).
 * Attribute order is kept; text is stored decoded and escaped on output.
 */

export type Attr = readonly [name: string, value: string];

/** Where an element starts in the text it was read from (1-based line/col). */
export interface Loc {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attrs: readonly Attr[];
  readonly children: readonly XmlNode[];
  readonly loc?: Loc;
}
export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}
export interface XmlCData {
  readonly kind: 'cdata';
  readonly text: string;
}
export interface XmlComment {
  readonly kind: 'comment';
  readonly text: string;
}
/**
 * A processing instruction, and the <?xml ...?> declaration (name 'xml').
 * `data`: for a PI, everything after the white space that follows its name,
 * as written (line ends normalised); for the declaration, its version,
 * encoding and standalone rebuilt with double quotes (decl.ts).
 */
export interface XmlPI {
  readonly kind: 'pi';
  readonly name: string;
  readonly data: string;
}
/** Text written back verbatim (the DOCTYPE declaration). */
export interface XmlRaw {
  readonly kind: 'raw';
  readonly text: string;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlPI | XmlRaw;

export function el(name: string, attrs: readonly Attr[] = [], children: readonly XmlNode[] = []): XmlElement {
  return { kind: 'element', name, attrs, children };
}

export function isElement(n: XmlNode | undefined): n is XmlElement {
  return n !== undefined && n.kind === 'element';
}

export function getAttr(e: { readonly attrs: readonly Attr[] } | null | undefined, name: string): string | null {
  if (!e) return null;
  for (const [k, v] of e.attrs) if (k === name) return v;
  return null;
}

/** Sets (in place of the old one, keeping order) or appends an attribute; null removes it. */
export function withAttr(attrs: readonly Attr[], name: string, value: string | null): readonly Attr[] {
  const i = attrs.findIndex(([k]) => k === name);
  if (value === null) return i < 0 ? attrs : attrs.filter((_, j) => j !== i);
  if (i < 0) return [...attrs, [name, value]];
  if (attrs[i]![1] === value) return attrs;
  const out = attrs.slice();
  out[i] = [name, value];
  return out;
}

/** Sets an attribute, inserting a new one right after `after` when that exists (canonical placement). */
export function withAttrAfter(attrs: readonly Attr[], name: string, value: string, after: string): readonly Attr[] {
  if (attrs.some(([k]) => k === name)) return withAttr(attrs, name, value);
  const i = attrs.findIndex(([k]) => k === after);
  const out = attrs.slice();
  out.splice(i < 0 ? 0 : i + 1, 0, [name, value]);
  return out;
}

export function setAttr(e: XmlElement, name: string, value: string | null): XmlElement {
  const attrs = withAttr(e.attrs, name, value);
  return attrs === e.attrs ? e : { ...e, attrs };
}

export function childElements(e: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of e.children) if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(e: XmlElement, name: string): XmlElement | undefined {
  for (const c of e.children) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
}
