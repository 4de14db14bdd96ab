/**
 * The element, attribute-list and notation declarations of an internal
 * subset, and the external identifiers (SYSTEM/PUBLIC) of the DOCTYPE and
 * of entities: checked for syntax as libxml2 checks them, and otherwise ignored
 * (Strata does not validate; the DOCTYPE is kept verbatim). Content models
 * are read iteratively, since groups can nest.
 */
import { NMTOKEN_RE, runEnd, shown } from './chars';
import { readAttrValue } from './markup';
import type { Scanner } from './scanner';

/** SYSTEM "uri" or PUBLIC "id" "uri" (the system literal optional when `needSystem` is false): the system literal. */
export function externalId(sc: Scanner, what: string, needSystem: boolean): string | null {
  const word = sc.tryName();
  if (word === 'SYSTEM') {
    sc.needWs(`After SYSTEM in the ${what}`);
    return literal(sc, `the ${what}'s system identifier`);
  }
  if (word !== 'PUBLIC') sc.fail(`Expected SYSTEM or PUBLIC in the ${what}, found ${word === null ? shown(sc.s, sc.pos) : `'${word}'`}.`);
  sc.needWs(`After PUBLIC in the ${what}`);
  const from = sc.pos;
  literal(sc, `the ${what}'s public identifier`);
  const bad = /[^ \r\na-zA-Z0-9\-'()+,./:=?;!*#@$_%]/.exec(sc.s.slice(from + 1, sc.pos - 1));
  if (bad) sc.fail(`A public identifier may not contain ${shown(bad[0], 0)}.`, from + 1 + bad.index);
  const gap = sc.ws();
  const c = sc.code();
  if (!needSystem && c !== 0x22 && c !== 0x27) return null;
  if (gap === 0) sc.fail(`Expected white space before the ${what}'s system identifier, found ${shown(sc.s, sc.pos)}.`);
  return literal(sc, `the ${what}'s system identifier`);
}

/** A quoted literal without references (system and public identifiers). */
function literal(sc: Scanner, what: string): string {
  const q = sc.code();
  if (q !== 0x22 && q !== 0x27) sc.fail(`Expected a quoted string for ${what}, found ${shown(sc.s, sc.pos)}.`);
  const end = sc.s.indexOf(q === 0x22 ? '"' : "'", sc.pos + 1);
  if (end < 0) sc.fail(`The quoted string for ${what} is not closed.`);
  sc.checkChars(sc.pos + 1, end);
  const value = sc.s.slice(sc.pos + 1, end);
  sc.pos = end + 1;
  return value;
}

export function close(sc: Scanner, what: string): void {
  sc.ws();
  if (sc.code() !== 0x3e) sc.fail(`The ${what} is not closed properly: expected '>', found ${shown(sc.s, sc.pos)}.`);
  sc.pos++;
}

export function elementDecl(sc: Scanner): void {
  sc.pos += 9;
  sc.needWs('After <!ELEMENT');
  const name = sc.name('The element declaration');
  sc.needWs(`After the element name '${name}'`);
  if (sc.code() === 0x28 /* ( */) contentModel(sc);
  else {
    const word = sc.tryName();
    if (word !== 'EMPTY' && word !== 'ANY') sc.fail(`Expected EMPTY, ANY or '(' in the declaration of element '${name}'.`);
  }
  close(sc, `declaration of element '${name}'`);
}

/** `( … )` content model, iteratively (groups can nest). */
function contentModel(sc: Scanner): void {
  sc.pos++;
  sc.ws();
  if (sc.at('#PCDATA')) {
    sc.pos += 7;
    sc.ws();
    if (sc.code() === 0x29) {
      sc.pos += sc.code(sc.pos + 1) === 0x2a ? 2 : 1;
      return;
    }
    while (sc.code() === 0x7c /* | */) {
      sc.pos++;
      sc.ws();
      sc.name('Mixed content');
      sc.ws();
    }
    sc.expect(')*', 'Mixed content (#PCDATA | a | b)*');
    return;
  }
  const seps: (number | null)[] = [null];
  const occurrence = (): void => {
    const c = sc.code();
    if (c === 0x3f || c === 0x2a || c === 0x2b) sc.pos++;
  };
  for (;;) {
    // A content particle: a name or a nested group.
    if (sc.code() === 0x28) {
      sc.pos++;
      sc.ws();
      seps.push(null);
      continue;
    }
    sc.name('The content model');
    occurrence();
    sc.ws();
    for (;;) {
      const c = sc.code();
      if (c === 0x29 /* ) */) {
        sc.pos++;
        seps.pop();
        occurrence();
        if (seps.length === 0) return;
        sc.ws();
        continue;
      }
      if (c !== 0x7c && c !== 0x2c) sc.fail(`Expected '|', ',' or ')' in the content model, found ${shown(sc.s, sc.pos)}.`);
      const sep = seps[seps.length - 1];
      if (sep !== null && sep !== c) sc.fail(`A content-model group mixes '|' and ','; use nested parentheses.`);
      seps[seps.length - 1] = c;
      sc.pos++;
      sc.ws();
      break;
    }
  }
}

export function attlistDecl(sc: Scanner): void {
  sc.pos += 9;
  sc.needWs('After <!ATTLIST');
  const element = sc.name('The attribute-list declaration');
  for (;;) {
    const gap = sc.ws();
    if (sc.code() === 0x3e) {
      sc.pos++;
      return;
    }
    if (gap === 0) sc.fail(`Expected white space or '>' in <!ATTLIST ${element}, found ${shown(sc.s, sc.pos)}.`);
    const attr = sc.name(`<!ATTLIST ${element}`);
    sc.needWs(`After '${attr}' in <!ATTLIST ${element}`);
    if (sc.code() === 0x28) choices(sc, NMTOKEN_RE);
    else {
      const type = sc.tryName();
      if (type === 'NOTATION') {
        sc.needWs('After NOTATION');
        if (sc.code() !== 0x28) sc.fail(`Expected '(' after NOTATION, found ${shown(sc.s, sc.pos)}.`);
        choices(sc, null);
      } else if (type === null || !/^(CDATA|ID|IDREFS?|ENTITY|ENTITIES|NMTOKENS?)$/.test(type)) {
        sc.fail(`Unknown attribute type ${type === null ? shown(sc.s, sc.pos) : `'${type}'`} for '${attr}' in <!ATTLIST ${element}.`);
      }
    }
    sc.needWs(`After the type of '${attr}' in <!ATTLIST ${element}`);
    if (sc.at('#REQUIRED')) sc.pos += 9;
    else if (sc.at('#IMPLIED')) sc.pos += 8;
    else {
      if (sc.at('#FIXED')) {
        sc.pos += 6;
        sc.needWs('After #FIXED');
      }
      readAttrValue(sc, `the default of '${attr}' in <!ATTLIST ${element}`);
    }
  }
}

/** `(a | b | c)`: names (NOTATION) or name tokens (enumerations). */
function choices(sc: Scanner, token: RegExp | null): void {
  sc.pos++;
  for (;;) {
    sc.ws();
    if (token) {
      const end = runEnd(token, sc.s, sc.pos);
      if (end === sc.pos) sc.fail(`Expected a name token in the enumeration, found ${shown(sc.s, sc.pos)}.`);
      sc.pos = end;
    } else sc.name('The NOTATION list');
    sc.ws();
    const c = sc.code();
    sc.pos++;
    if (c === 0x29) return;
    if (c !== 0x7c) sc.fail(`Expected '|' or ')' in the list, found ${shown(sc.s, sc.pos - 1)}.`, sc.pos - 1);
  }
}

export function notationDecl(sc: Scanner): void {
  sc.pos += 10;
  sc.needWs('After <!NOTATION');
  const name = sc.name('The notation declaration');
  sc.needWs(`After the notation name '${name}'`);
  externalId(sc, `notation '${name}'`, false);
  close(sc, `declaration of notation '${name}'`);
}
