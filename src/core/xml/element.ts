/**
 * An element and everything inside it, iteratively (an explicit stack of
 * open elements: backing chains are thousands of levels deep). Each element
 * keeps where it is in the text (`loc`). Whitespace-only text is dropped in
 * element-only content (it is layout; the writer re-indents) and kept
 * exactly where the element also has real text or CDATA (mixed content).
 */
import { qnameStop, shown } from './chars';
import type { LineIndex } from './lines';
import { readAttrValue, readCData, readComment, readPI, readText } from './markup';
import type { Scanner } from './scanner';
import type { Attr, XmlElement, XmlNode } from './tree';

interface Frame {
  readonly name: string;
  readonly attrs: readonly Attr[];
  readonly children: XmlNode[];
  readonly start: number;
  readonly line: number;
  readonly col: number;
  /** Has non-blank text or CDATA: its blank text is content too. */
  mixed: boolean;
  /** Has a blank text child that may be layout. */
  blanks: boolean;
  /** Has an element, comment or PI child (blank text next to them is layout). */
  markup: boolean;
}

const DTD_WORDS = /^<!(ENTITY|ELEMENT|ATTLIST|NOTATION|DOCTYPE)\b/;

/** The element whose start tag is at the cursor ('<'); the cursor ends just past its end tag. */
export function readElement(sc: Scanner, lines: LineIndex): XmlElement {
  const s = sc.s;
  const stack: Frame[] = [];
  let done: XmlElement | null = null;
  // The root's start tag, then the content loop; a frame is pushed for every open element.
  const open = (): void => {
    const lt = sc.pos;
    const { name, attrs, empty } = readStartTag(sc);
    const { line, col } = lines.atSorted(lt);
    if (empty) {
      const e: XmlElement = { kind: 'element', name, attrs, children: [], loc: { start: lt, end: sc.pos, line, col } };
      if (stack.length === 0) done = e;
      else addChild(stack[stack.length - 1]!, e);
      return;
    }
    stack.push({ name, attrs, children: [], start: lt, line, col, mixed: false, blanks: false, markup: false });
  };
  open();
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (sc.pos >= s.length) {
      sc.fail(`<${top.name}> (opened at ${top.line}:${top.col}) is not closed before the end of the document.`, top.start);
    }
    if (s.charCodeAt(sc.pos) !== 0x3c) {
      const run = readText(sc);
      if (run.text.length === 0) continue;
      top.children.push({ kind: 'text', text: run.text });
      if (run.blank) top.blanks = true;
      else top.mixed = true;
      continue;
    }
    const c1 = s.charCodeAt(sc.pos + 1);
    if (c1 === 0x2f /* / */) {
      const e = readEndTag(sc, top);
      stack.pop();
      if (stack.length === 0) done = e;
      else addChild(stack[stack.length - 1]!, e);
    } else if (c1 === 0x21 /* ! */) {
      if (sc.at('<!--')) {
        top.children.push({ kind: 'comment', text: readComment(sc) });
        top.markup = true;
      } else if (sc.at('<![CDATA[')) {
        top.children.push({ kind: 'cdata', text: readCData(sc) });
        top.mixed = true;
      } else {
        const word = DTD_WORDS.exec(s.slice(sc.pos, sc.pos + 12));
        if (word) sc.fail(`'<!${word[1]}' is a DTD declaration; it belongs in the DOCTYPE's internal subset, not inside <${top.name}>.`);
        sc.fail("'<!' must start a comment (<!-- … -->) or a CDATA section (<![CDATA[ … ]]>).");
      }
    } else if (c1 === 0x3f /* ? */) {
      top.children.push(readPI(sc));
      top.markup = true;
    } else {
      open();
    }
  }
  return done!;
}

function addChild(parent: Frame, e: XmlElement): void {
  parent.children.push(e);
  parent.markup = true;
}

function readEndTag(sc: Scanner, top: Frame): XmlElement {
  const lt = sc.pos;
  sc.pos += 2;
  const name = sc.tryName();
  if (name === null) sc.fail(`Expected the name of an end tag after '</', found ${shown(sc.s, sc.pos)}.`);
  if (name !== top.name) sc.fail(`End tag </${name}> does not match <${top.name}> (opened at ${top.line}:${top.col}).`, lt);
  sc.ws();
  if (sc.code() !== 0x3e) sc.fail(`Expected '>' to end </${name}>, found ${shown(sc.s, sc.pos)}.`);
  sc.pos++;
  const children = top.blanks && top.markup && !top.mixed ? top.children.filter((c) => c.kind !== 'text') : top.children;
  return { kind: 'element', name, attrs: top.attrs, children, loc: { start: top.start, end: sc.pos, line: top.line, col: top.col } };
}

/** Element and attribute names go through libxml2's QName reader (see qnameStop). */
function checkQName(sc: Scanner, name: string, at: number): void {
  const stop = qnameStop(name);
  if (stop >= 0) sc.fail(`In the name '${name}', a second ':' must be followed by a letter or '_' (libxml2 reads names as prefix:local).`, at + stop);
}

function readStartTag(sc: Scanner): { name: string; attrs: Attr[]; empty: boolean } {
  const s = sc.s;
  const lt = sc.pos;
  sc.pos++;
  const name = sc.tryName();
  if (name === null) {
    sc.fail(`'<' followed by ${shown(s, sc.pos)} does not start a tag; a literal '<' must be written as &lt;.`, lt);
  }
  checkQName(sc, name, lt + 1);
  const attrs: Attr[] = [];
  let seen: Set<string> | null = null;
  for (;;) {
    const gap = sc.ws();
    const c = s.charCodeAt(sc.pos);
    if (c === 0x3e /* > */) {
      sc.pos++;
      return { name, attrs, empty: false };
    }
    if (c === 0x2f /* / */) {
      if (s.charCodeAt(sc.pos + 1) !== 0x3e) sc.fail(`Expected '/>' to end the <${name}> tag, found '/' then ${shown(s, sc.pos + 1)}.`);
      sc.pos += 2;
      return { name, attrs, empty: true };
    }
    if (sc.pos >= s.length) sc.fail(`The <${name}> start tag is not closed (missing '>').`, lt);
    const at = sc.pos;
    const attr = sc.tryName();
    if (attr === null) sc.fail(`Unexpected ${shown(s, at)} in the <${name}> start tag (expected an attribute, '>' or '/>').`);
    if (gap === 0) sc.fail(`Missing white space before attribute '${attr}' in <${name}>.`, at);
    checkQName(sc, attr, at);
    sc.ws();
    if (sc.code() !== 0x3d /* = */) sc.fail(`Attribute '${attr}' in <${name}> has no value (write ${attr}='…').`);
    sc.pos++;
    sc.ws();
    const value = readAttrValue(sc, `attribute '${attr}'`);
    // Attributes are an array of pairs, never object keys: any legal name (toString, __proto__) is kept verbatim.
    if (attrs.length < 8) {
      for (const [k] of attrs) if (k === attr) sc.fail(`Attribute '${attr}' appears twice in <${name}>.`, at);
    } else {
      seen ??= new Set(attrs.map(([k]) => k));
      if (seen.has(attr)) sc.fail(`Attribute '${attr}' appears twice in <${name}>.`, at);
      seen.add(attr);
    }
    attrs.push([attr, value]);
  }
}
