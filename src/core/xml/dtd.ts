/**
 * The DOCTYPE declaration, kept verbatim, with its internal subset checked
 * the way libxml2 checks it (declaration syntax only: Strata does not
 * validate). Internal entities with plain text are recorded for expansion;
 * everything that could read a file, a URL or grow without bound is refused
 * with 'xml-entity': external entities, parameter entities, and entities
 * whose replacement text holds markup or other references.
 */
import { shown } from './chars';
import { attlistDecl, close, elementDecl, externalId, notationDecl } from './declarations';
import { normalizeEol, readComment, readPI } from './markup';
import { PREDEFINED, type Scanner } from './scanner';

/** `<!DOCTYPE …>` at the cursor: its raw text. Fills the scanner's entity table and external-subset note. */
export function readDoctype(sc: Scanner): string {
  const start = sc.pos;
  sc.pos += 9;
  // libxml2 does not insist on the white space here (<!DOCTYPEa> is read as the DOCTYPE of 'a').
  sc.ws();
  sc.name('The DOCTYPE');
  const gap = sc.ws();
  if (sc.code() !== 0x5b /* [ */ && sc.code() !== 0x3e /* > */) {
    if (gap === 0) sc.fail(`Expected white space, '[' or '>' in the DOCTYPE, found ${shown(sc.s, sc.pos)}.`);
    sc.externalSubset = externalId(sc, 'DOCTYPE', true) ?? '';
    sc.ws();
  }
  if (sc.code() === 0x5b) subsetThenClose(sc);
  else {
    if (sc.code() !== 0x3e) sc.fail(`The DOCTYPE is not closed properly: expected '>', found ${shown(sc.s, sc.pos)}.`);
    sc.pos++;
    // libxml2 also reads an internal subset right after the '>' (<!DOCTYPE a>[…]>): its quirk, which we follow.
    if (sc.code() === 0x5b) subsetThenClose(sc);
  }
  return normalizeEol(sc.s.slice(start, sc.pos));
}

function subsetThenClose(sc: Scanner): void {
  const bracket = sc.pos;
  sc.pos++;
  internalSubset(sc, bracket);
  sc.ws();
  if (sc.code() !== 0x3e) sc.fail(`The DOCTYPE is not closed properly: expected '>' after ']', found ${shown(sc.s, sc.pos)}.`);
  sc.pos++;
}

function internalSubset(sc: Scanner, bracket: number): void {
  for (;;) {
    sc.ws();
    const c = sc.code();
    if (c === 0x5d /* ] */) {
      sc.pos++;
      return;
    }
    if (sc.pos >= sc.s.length) sc.fail("The DOCTYPE's internal subset is not closed (missing ']>').", bracket);
    if (sc.at('<!--')) readComment(sc);
    else if (sc.at('<?')) readPI(sc);
    else if (sc.at('<!ENTITY')) entityDecl(sc);
    else if (sc.at('<!ELEMENT')) elementDecl(sc);
    else if (sc.at('<!ATTLIST')) attlistDecl(sc);
    else if (sc.at('<!NOTATION')) notationDecl(sc);
    else if (c === 0x25 /* % */) {
      const at = sc.pos;
      sc.pos++;
      const name = sc.name("After '%'");
      sc.expect(';', `The parameter-entity reference %${name}`);
      sc.fail(`Parameter entity reference %${name}; refused: Strata does not expand DTD parameter entities.`, at, 'xml-entity');
    } else {
      sc.fail(`Unexpected ${shown(sc.s, sc.pos)} in the DOCTYPE's internal subset: expected a declaration (<!ENTITY …>, <!ELEMENT …>, <!ATTLIST …>, <!NOTATION …>), a comment, a PI or ']>'.`);
    }
  }
}

function entityDecl(sc: Scanner): void {
  const start = sc.pos;
  sc.pos += 8;
  sc.needWs('After <!ENTITY');
  const param = sc.code() === 0x25;
  if (param) {
    sc.pos++;
    sc.needWs("After '%' in <!ENTITY %");
  }
  const name = sc.name('The entity declaration');
  sc.needWs(`After the entity name '${name}'`);
  const q = sc.code();
  let value: { text: string; refs: boolean } | null = null;
  if (q === 0x22 || q === 0x27) value = entityValue(sc);
  else {
    externalId(sc, `entity '${name}'`, true);
    const gap = sc.ws();
    if (!param && sc.at('NDATA')) {
      if (gap === 0) sc.fail(`Expected white space before NDATA in entity '${name}'.`);
      sc.pos += 5;
      sc.needWs('After NDATA');
      sc.name('The NDATA notation');
    }
  }
  close(sc, `declaration of entity '${name}'`);
  if (param) sc.fail(`Parameter entity '${name}' refused: Strata does not expand DTD entities.`, start, 'xml-entity');
  if (value === null) sc.fail(`External entity '${name}' refused: it would read a file or URL.`, start, 'xml-entity');
  // libxml2 keeps the predefined five whatever a DTD says; so do we.
  if (PREDEFINED.has(name)) return;
  if (value.refs || value.text.includes('&')) {
    sc.fail(`Entity '${name}' refers to other entities; nested expansion is refused.`, start, 'xml-entity');
  }
  if (value.text.includes('<')) sc.fail(`Entity '${name}' contains markup ('<'); Strata only expands entities that are plain text.`, start, 'xml-entity');
  if (!sc.entities.has(name)) sc.entities.set(name, value.text);
}

/** A quoted entity value: character references expanded, entity references kept as written (`refs`). */
function entityValue(sc: Scanner): { text: string; refs: boolean } {
  const s = sc.s;
  const open = sc.pos;
  const end = s.indexOf(s[open]!, open + 1);
  if (end < 0) sc.fail('This entity value is not closed.', open);
  sc.checkChars(open + 1, end);
  // Search the value only (a slice): searching the whole text per '&' would be quadratic.
  const body = s.slice(open + 1, end);
  const pct = body.indexOf('%');
  if (pct >= 0) sc.fail('Parameter-entity references (%…;) are not allowed in an entity value in the internal subset.', open + 1 + pct);
  let text = '';
  let refs = false;
  let from = 0;
  for (let i = body.indexOf('&'); i >= 0; i = body.indexOf('&', from)) {
    text += body.slice(from, i);
    sc.pos = open + 1 + i;
    if (body.charCodeAt(i + 1) === 0x23) text += sc.reference(false);
    else {
      sc.pos++;
      const name = sc.tryName();
      if (name === null || sc.code() !== 0x3b) sc.fail("In an entity value, '&' must start a reference (&name; or &#NNN;).", open + 1 + i);
      sc.pos++;
      text += `&${name};`;
      refs = true;
    }
    from = sc.pos - open - 1;
  }
  text += body.slice(from);
  sc.pos = end + 1;
  return { text: normalizeEol(text), refs };
}
