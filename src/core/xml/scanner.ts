/**
 * The cursor every part of the parser shares: the text, the position, the
 * entities declared so far, and `fail`, which stops the parse with a
 * message at the offending character (parseXml turns it into a result).
 */
import { NAME_RE, WS_RE, firstIllegal, illegalCharMessage, isCharCode, runEnd, shown } from './chars';

export type XmlErrorCode = 'xml-malformed' | 'xml-entity';

/** Thrown inside the parser only; parseXml catches it, so callers never see an exception. */
export class XmlFail extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A Map, not an object: `&toString;` must not find Object.prototype.toString. */
export const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
const CHAR_REF = /#(?:x([0-9a-fA-F]+)|([0-9]+));/y;

export class Scanner {
  pos = 0;
  /** Internal general entities with plain replacement text (the only kind Strata expands). */
  readonly entities = new Map<string, string>();
  /** Where an undeclared entity could still be declared (an external DTD Strata does not read), if anywhere. */
  externalSubset: string | null = null;
  standalone = false;
  /** Entities already referenced once, and whether that first time was in an attribute value. */
  private readonly firstUse = new Map<string, 'attr' | 'content'>();
  /** Characters produced by entity expansion so far: one large entity referenced often could still exhaust memory. */
  private expanded = 0;

  constructor(readonly s: string) {}

  fail(message: string, at: number = this.pos, code: XmlErrorCode = 'xml-malformed'): never {
    throw new XmlFail(code, message, at);
  }

  /** Fails at the first illegal character of s[from, to), if any. */
  checkChars(from: number, to: number): void {
    const bad = firstIllegal(this.s, from, to);
    if (bad >= 0) this.fail(illegalCharMessage(this.s, bad), bad);
  }

  code(at: number = this.pos): number {
    return this.s.charCodeAt(at);
  }

  at(lit: string): boolean {
    return this.s.startsWith(lit, this.pos);
  }

  /** Skips white space; returns how much there was. */
  ws(): number {
    const start = this.pos;
    this.pos = runEnd(WS_RE, this.s, start);
    return this.pos - start;
  }

  /** White space that the grammar requires (between attributes, after a keyword). */
  needWs(why: string): void {
    if (this.ws() === 0) this.fail(`${why}: expected white space, found ${shown(this.s, this.pos)}.`);
  }

  expect(lit: string, why: string): void {
    if (!this.at(lit)) this.fail(`${why}: expected '${lit}', found ${shown(this.s, this.pos)}.`);
    this.pos += lit.length;
  }

  /** An XML Name at the cursor, or null (the cursor stays). */
  tryName(): string | null {
    const end = runEnd(NAME_RE, this.s, this.pos);
    if (end === this.pos) return null;
    const name = this.s.slice(this.pos, end);
    this.pos = end;
    return name;
  }

  name(why: string): string {
    const n = this.tryName();
    if (n === null) this.fail(`${why}: expected a name, found ${shown(this.s, this.pos)}.`);
    return n;
  }

  /**
   * The character or entity reference at the cursor ('&'), decoded.
   * `inAttr`: an entity's white space becomes spaces (attribute-value normalisation).
   */
  reference(inAttr: boolean): string {
    const amp = this.pos;
    const s = this.s;
    if (s.charCodeAt(amp + 1) === 0x23 /* # */) {
      CHAR_REF.lastIndex = amp + 1;
      const m = CHAR_REF.exec(s);
      if (!m) this.fail("Malformed character reference: write &#NNN; or &#xHHH; (or &amp; for a literal '&').", amp);
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
      if (!isCharCode(cp)) this.fail(`Character reference &${m[0]} names a character XML does not allow.`, amp);
      this.pos = CHAR_REF.lastIndex;
      return String.fromCodePoint(cp);
    }
    this.pos = amp + 1;
    const name = this.tryName();
    if (name === null) this.fail("A bare '&' must be written as &amp;.", amp);
    if (this.code() !== 0x3b /* ; */) this.fail(`The entity reference &${name} must end with ';' (or write &amp;${name} for a literal '&').`, this.pos);
    this.pos++;
    const predefined = PREDEFINED.get(name);
    if (predefined !== undefined) return predefined;
    const value = this.entities.get(name);
    if (value !== undefined) {
      this.expanded += value.length;
      if (this.expanded > Math.max(10 * this.s.length, 10_000_000)) {
        this.fail(`Entity expansion would make this document more than ten times its size (at &${name};); refused.`, amp, 'xml-entity');
      }
      const first = this.firstUse.get(name);
      if (first === undefined) this.firstUse.set(name, inAttr ? 'attr' : 'content');
      if (inAttr) return value.replace(/[\t\n\r]/g, ' ');
      // The replacement text is parsed as content, where ']]>' is not allowed either; libxml2 checks
      // that only at an entity's first reference, and not at all when that was in an attribute value.
      if (first !== 'attr' && value.includes(']]>')) this.fail(`The entity &${name}; expands to text containing ']]>', which is not allowed in content.`, amp);
      return value;
    }
    if (this.externalSubset !== null && !this.standalone) {
      this.fail(`Entity &${name}; is not declared in this document; it may come from the external DTD "${this.externalSubset}", which Strata does not read.`, amp, 'xml-entity');
    }
    return this.fail(`Undefined entity &${name};.`, amp);
  }
}
