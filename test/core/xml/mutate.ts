/**
 * Seeded mutations of real documents. A text case is judged as its UTF-8
 * (WTF-8) bytes and read by Strata as the string (the editor's path); a
 * byte case (encodings, BOMs, flipped bits) goes through decodeXml first
 * (the CLI's and the file-open path).
 */
import { type Rng, type Source, latin1Bytes, utf16, wtf8 } from './sources';

export interface Case {
  readonly id: number;
  readonly source: string;
  readonly op: string;
  /** Set for text cases: what Strata's loadText reads. */
  readonly text: string | null;
  readonly bytes: Uint8Array;
}

type Mutation = (t: string, r: Rng) => { op: string; text: string } | { op: string; bytes: Uint8Array };

const NAMES = ['toString', 'valueOf', 'hasOwnProperty', '__proto__', 'constructor', 'prototype', 'isPrototypeOf', '__defineGetter__', 'x', 'q:attr', 'é', 'a-b.c', 'index', 'type', 'file', 'xmlns:q', 'xml:lang', '_', ':x', 'ns:'];
const VALUES = ['1', '', '99999999999999999999999', '-1', '-0', '1e309', '0x10', '007', 'NaN', '&#65;', '&#233;', '&#x1F600;', '&#0;', '&#xD800;', '&#x110000;', '&amp;', '&lt;', '&nope;', '&', '<', '>', '"', "'", '\u0001', '\u0000', '\t\n', 'a b', 'caf\u00e9', '\uD83D\uDE00', '\uDC00', '\uFFFE'];
const NUMBERS = ['99999999999999999999', '18446744073709551617', '-1', '-2147483649', '0', '00', '1.5', '1e3', '2147483648', '+3', ' 4 '];
const CONTROLS = ['\u0001', '\u0002', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\u007F', '\u0085', '\u0000', '\r', '\r\n', '\t'];
const PIS = ['<?pi some data?>', '<?xml-stylesheet href="a.xsl" type="text/xsl"?>', '<?pi?>', '<?pi   spaced  data ?>', '<?p:i x?>', '<?xml bad?>', '<?XML x?>', '<?pi"x"?>', '<?pi data', '<?pi a?b>c?>', '<? pi?>', '<?xmlfoo z?>'];
const ENTITY_DTDS: [string, string][] = [
  ['<!DOCTYPE X [<!ENTITY a "plain text">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY a "caf&#233;">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY a SYSTEM "file:///etc/passwd">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY a PUBLIC "-//x//y" "http://example.com/x">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY % p "x">]>', ''],
  ['<!DOCTYPE X [<!ENTITY b "x"><!ENTITY a "&b;&b;">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY a "<i>m</i>">]>', '&a;'],
  ['<!DOCTYPE X [<!ENTITY a "x">]>', '&undefined;'],
  ['<!DOCTYPE X SYSTEM "domain.dtd">', '&undefined;'],
  ['<!DOCTYPE X [<!ELEMENT X ANY><!ATTLIST X id ID #IMPLIED><!NOTATION n SYSTEM "n">]>', ''],
  ['<!DOCTYPE X [<!ENTITY a "x"]>', '&a;'],
  ['<!DOCTYPE X [<!ELEMENT X (a|b,c)>]>', ''],
  ['<!DOCTYPE X PUBLIC "-//libvirt//domain" "domain.dtd" [<!-- c --><?pi d?>]>', ''],
];
const JUNK = ['<!ENTITY a "b">', '<!ELEMENT disk ANY>', '<!-- ok -->', '<!-- a -- b -->', '<!--->', '<![CDATA[ x ]]>', '<![CDATA[ ]]> ]]>', ']]>', '&#65;', '&#x41;', '&#233;', '&#0;', '&#65', '&#x;', '&', '<', '</x>', '<a:b/>', '<p:q xmlns:p="urn:x"/>', '\uFEFF', '\uD800', 'text'];
const ENCODINGS = ['UTF-8', 'utf-8', 'ISO-8859-1', 'latin1', 'UTF-16', 'US-ASCII', 'windows-1252', 'foo', 'ISO-8859-2', 'UTF8'];

const at = (t: string, r: Rng): number => r.int(t.length + 1);
const insert = (t: string, i: number, s: string): string => t.slice(0, i) + s + t.slice(i);
/** A random position just after an attribute's opening quote, or -1. */
function inAttr(t: string, r: Rng): number {
  const starts = [...t.matchAll(/=\s*(['"])/g)].map((m) => m.index! + m[0].length);
  return starts.length ? r.pick(starts) : -1;
}
function startTagEnd(t: string, r: Rng): number {
  const ends = [...t.matchAll(/<[A-Za-z][^<>]*?(\/?>)/g)].map((m) => m.index! + m[0].length - m[1]!.length);
  return ends.length ? r.pick(ends) : -1;
}
function afterPrologue(t: string): number {
  const m = /^(<\?xml[^>]*\?>\s*)?/.exec(t);
  return m ? m[0].length : 0;
}
const nonAscii = (t: string): string => t.replace(/(file|path)='\/([^']*)'/, "$1='/café-$2'");

const MUTATIONS: Mutation[] = [
  (t, r) => {
    const b = wtf8(t);
    for (let k = 1 + r.int(2); k > 0; k--) {
      const i = r.int(b.length);
      b[i] = b[i]! ^ (1 << r.int(8));
    }
    return { op: 'byte flip', bytes: b };
  },
  (t, r) => {
    const i = at(t, r);
    return { op: 'deletion', text: t.slice(0, i) + t.slice(i + 1 + r.int(r.next() < 0.7 ? 3 : 40)) };
  },
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    lines.splice(i, 0, lines[i]!);
    return { op: 'duplicated line', text: lines.join('\n') };
  },
  (t, r) => {
    const qs = [...t.matchAll(/['"]/g)].map((m) => m.index!);
    if (qs.length === 0) return { op: 'swapped quote', text: t };
    const i = r.pick(qs);
    return { op: 'swapped quote', text: t.slice(0, i) + (t[i] === "'" ? '"' : "'") + t.slice(i + 1) };
  },
  (t, r) => {
    const i = startTagEnd(t, r);
    const v = r.pick(VALUES);
    const q = v.includes("'") ? '"' : "'";
    return { op: 'random attribute', text: i < 0 ? t : insert(t, i, ` ${r.pick(NAMES)}=${q}${v}${q}`) };
  },
  (t, r) => {
    const ds = [...t.matchAll(/(['"])(\d+)\1/g)];
    const d = ds.length ? r.pick(ds) : null;
    if (!d) return { op: 'huge/negative number', text: t };
    return { op: 'huge/negative number', text: t.slice(0, d.index! + 1) + r.pick(NUMBERS) + t.slice(d.index! + 1 + d[2]!.length) };
  },
  (t, r) => ({ op: 'control character', text: insert(t, r.next() < 0.5 ? Math.max(0, inAttr(t, r)) : at(t, r), r.pick(CONTROLS)) }),
  (t, r) => ({ op: 'NUL', text: insert(t, at(t, r), '\u0000') }),
  (t, r) => ({ op: 'lone surrogate', text: insert(t, r.next() < 0.5 ? Math.max(0, inAttr(t, r)) : at(t, r), r.pick(['\uD800', '\uDBFF', '\uDC00', '\uDFFF'])) }),
  (t, r) => {
    const k = r.int(4);
    const b = wtf8(t);
    const bom = [0xef, 0xbb, 0xbf];
    if (k === 0) return { op: 'BOM', bytes: Uint8Array.from([...bom, ...b]) };
    if (k === 1) return { op: 'double BOM', bytes: Uint8Array.from([...bom, ...bom, ...b]) };
    if (k === 2) return { op: 'BOM inside', text: insert(t, at(t, r), '\uFEFF') };
    return { op: 'BOM + declaration', bytes: Uint8Array.from([...bom, ...wtf8(`<?xml version="1.0" encoding="${r.pick(['UTF-8', 'UTF-16', 'ISO-8859-1'])}"?>\n`), ...b]) };
  },
  (t, r) => {
    const k = r.int(6);
    const le = r.next() < 0.5;
    const src = nonAscii(t);
    if (k === 0) return { op: 'UTF-16 with BOM', bytes: utf16(src, le, true) };
    if (k === 1) return { op: 'UTF-16 declared, no BOM', bytes: utf16(`<?xml version="1.0" encoding="UTF-16"?>\n${src}`, le, false) };
    if (k === 2) return { op: 'UTF-16, no BOM, no declaration', bytes: utf16(src, le, false) };
    if (k === 3) return { op: 'UTF-16 declared other', bytes: utf16(`<?xml version="1.0" encoding="${r.pick(['UTF-8', 'ISO-8859-1', 'UTF-16BE', 'UTF-16LE'])}"?>\n${src}`, le, true) };
    const b = utf16(src, le, true);
    return { op: 'UTF-16 truncated', bytes: b.subarray(0, b.length - 1 - r.int(k === 4 ? 2 : 40)) };
  },
  (t, r) => ({ op: 'truncation', text: t.slice(0, r.next() < 0.3 ? t.length - 1 - r.int(12) : at(t, r)) }),
  (t, r) => {
    const root = /<([A-Za-z][\w:.-]*)/.exec(t.slice(afterPrologue(t)))?.[1] ?? 'X';
    const [dtd, ref] = r.pick(ENTITY_DTDS);
    let body = t;
    if (ref) {
      const i = r.next() < 0.5 ? inAttr(t, r) : startTagEnd(t, r) + 1;
      body = i <= 0 ? t : insert(t, i, ref);
    }
    const p = afterPrologue(body);
    return { op: 'DOCTYPE with entities', text: insert(body, p, dtd.replace(/\bX\b/g, r.next() < 0.9 ? root : 'other') + '\n') };
  },
  (t, r) => ({ op: 'inserted markup', text: insert(t, r.next() < 0.6 ? startTagEnd(t, r) + 1 : at(t, r), r.pick(JUNK)) }),
  (t, r) => {
    const i = inAttr(t, r);
    if (i < 0) return { op: 'character reference', text: t };
    const refs = ['&#65;', '&#233;', '&#x41;', '&#x1F600;', '&#10;', '&#13;', '&#9;', '&#32;', '&#0065;', '&#x0;', '&#1;', '&#xFFFE;', '&#X41;', '&#65', '&#;'];
    return { op: 'character reference', text: insert(t, i + r.int(3), r.pick(refs)) };
  },
  (t, r) => {
    const i = inAttr(t, r);
    return { op: "'<' in attribute", text: i < 0 ? t : insert(t, i + r.int(4), '<') };
  },
  (t, r) => {
    const spots = [0, afterPrologue(t), startTagEnd(t, r) + 1, t.length, at(t, r)];
    return { op: 'PI with data', text: insert(t, r.pick(spots), r.pick(PIS)) };
  },
  (t, r) => {
    const enc = r.pick(ENCODINGS);
    const body = nonAscii(t);
    const decl = `<?xml version="1.0" encoding="${enc}"?>\n`;
    const latin = /^(ISO-8859-1|latin1|windows-1252)$/i.test(enc) ? latin1Bytes(decl + body) : null;
    return { op: `declared ${enc}`, bytes: latin ?? wtf8(decl + body) };
  },
  (t, r) => {
    let out = t;
    for (let k = 1 + r.int(3); k > 0; k--) out = insert(out, at(out, r), r.pick(['<', '>', '&', ';', '"', "'", '=', '/', '!', '?', '[', ']', '-', '#', '%', ' ', 'x', ':', '\n']));
    return { op: 'special characters', text: out };
  },
  (t, r) => {
    const k = r.int(4);
    if (k === 0) return { op: 'CRLF', text: t.replace(/\n/g, '\r\n') };
    if (k === 1) return { op: 'lone CR', text: t.replace(/\n/g, '\r') };
    if (k === 2) return { op: 'space in tag', text: t.replace(r.pick([/<([a-z])/, /<\/([a-z])/, /(=)/, /(\/>)/]), (m) => r.pick([' ', '\t', '\n']) + m) };
    return { op: 'mixed content', text: insert(t, startTagEnd(t, r) + 1, r.pick(['text ', ' ', '\n  ', 'x&amp;y', '&#32;'])) };
  },
];

/** `perSource` cases from each source, operators taken in turn so each gets its share. */
export function fuzzCases(sources: readonly Source[], perSource: number, r: Rng): Case[] {
  const out: Case[] = [];
  for (const src of sources) {
    for (let k = 0; k < perSource; k++) {
      let m = MUTATIONS[out.length % MUTATIONS.length]!(src.text, r);
      // A third of the text cases get a second mutation on top (say, a deletion inside an inserted DOCTYPE).
      if ('text' in m && r.next() < 0.33) {
        const second = r.pick(MUTATIONS)(m.text, r);
        m = 'text' in second ? { op: `${m.op} + ${second.op}`, text: second.text } : m;
      }
      if ('bytes' in m) out.push({ id: out.length, source: src.name, op: m.op, text: null, bytes: m.bytes });
      else out.push({ id: out.length, source: src.name, op: m.op, text: m.text, bytes: wtf8(m.text) });
    }
  }
  return out;
}
