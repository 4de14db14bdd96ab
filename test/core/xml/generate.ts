/**
 * Documents generated from a small XML grammar (prolog, DOCTYPE with
 * declarations, elements, attributes, references, comments, PIs, CDATA),
 * half of them then corrupted by one or two characters: they probe the
 * corners mutations of libvirt files rarely reach (DTD syntax, odd names).
 */
import type { Rng } from './sources';

const NAMES = ['a', 'b', 'x:y', 'é', '_1', 'a.b-c', 'A\u00b7', 'q\u0300', '\u4e2d', 'toString', '__proto__', ':x', 'x:', 'a:b:c', 'a:b:-', 'p:1'];
const TEXT = ['t', 'hello world', '&amp;', '&lt;', '&#65;', '&#x20;', '&e;', ']]', ']', '>', '"', "'", '\u00e9', '\uD83D\uDE00', ' ', '\n', '&#13;', '&#x85;'];
const ENTITY_VALUES = ['v', 'caf&#233;', 'a&#10;b', 'x y', '', '&#38;#60;', ']]>', '&#93;]>', '&e;', '<b/>', '%p;'];
const MODELS = ['ANY', 'EMPTY', '(a|b)*', '(#PCDATA)', '(#PCDATA|a)*', '(a,(b|c)+)?', '( a )', '(a)*', '(a|b,c)', '(#PCDATA|a)'];
const ATTDEFS = ['', ' x CDATA #IMPLIED', ' y (p|q) "p"', ' z ID #REQUIRED', ' w CDATA #FIXED "&#65;"', ' v NMTOKENS "a b"', ' u NOTATION (n) #IMPLIED', ' t CDATA "<"', ' s FOO #IMPLIED'];
const CORRUPTION = ['<', '>', '&', '"', "'", ' ', ';', '!', '-', '?', ']', '[', '%', '#', 'x', '\u0001', '/', '=', ':'];

export function generatedDoc(r: Rng): string {
  const ws = (): string => r.pick(['', ' ', '  ', '\n', '\t', '\r\n']);
  const ws1 = (): string => r.pick([' ', '\n', '\t', '  ']);
  const q = (): string => r.pick(['"', "'"]);
  const quoted = (v: string): string => {
    const Q = v.includes('"') ? "'" : v.includes("'") ? '"' : q();
    return Q + v + Q;
  };
  const dtd = (): string => {
    const parts: string[] = [];
    for (let k = r.int(5); k > 0; k--) {
      parts.push(
        r.pick([
          () => `<!ENTITY${ws1()}${r.next() < 0.1 ? '% ' : ''}${r.pick(['e', 'f', 'g'])}${ws1()}${r.next() < 0.15 ? 'SYSTEM "s"' : quoted(r.pick(ENTITY_VALUES))}${ws()}>`,
          () => `<!ELEMENT${ws1()}${r.pick(NAMES)}${ws1()}${r.pick(MODELS)}${ws()}>`,
          () => `<!ATTLIST${ws1()}${r.pick(NAMES)}${r.pick(ATTDEFS)}${ws()}>`,
          () => `<!NOTATION${ws1()}n${ws1()}${r.pick(['SYSTEM "s"', 'PUBLIC "p"', 'PUBLIC "p" "s"'])}${ws()}>`,
          () => `<!--${r.pick([' c ', '', 'x-y'])}-->`,
          () => `<?pi${r.pick(['', ' d', ' a?b'])}?>`,
          () => ws1(),
        ])(),
      );
    }
    const sys = r.next() < 0.3 ? ` SYSTEM ${quoted('d.dtd')}` : '';
    return `<!DOCTYPE${ws1()}${r.pick(NAMES)}${sys}${r.next() < 0.8 ? `${ws()}[${parts.join('')}]` : ''}${ws()}>`;
  };
  const elem = (depth: number): string => {
    const n = r.pick(NAMES);
    let s = `<${n}`;
    const used = new Set<string>();
    for (let k = r.int(4); k > 0; k--) {
      const a = r.pick(NAMES);
      if (used.has(a) && r.next() < 0.9) continue;
      used.add(a);
      const Q = q();
      let v = '';
      for (let j = r.int(3); j > 0; j--) v += r.pick(['v', '&amp;', '&#10;', '&e;', '\t', '\n', '\u00e9', Q === '"' ? "'" : '"', '>', ' ']);
      s += `${ws1()}${a}${ws()}=${ws()}${Q}${v}${Q}`;
    }
    s += ws();
    if (depth > 3 || r.next() < 0.3) return s + '/>';
    s += '>';
    for (let k = r.int(5); k > 0; k--) {
      s += r.pick([
        () => elem(depth + 1),
        () => r.pick(TEXT),
        () => `<!--${r.pick([' c ', '', 'a-b'])}-->`,
        () => `<![CDATA[${r.pick(['', 'x', '<&>', ']]'])}]]>`,
        () => `<?p${r.pick(['', ' d', '  x '])}?>`,
        () => ws(),
      ])();
    }
    return s + `</${n}${ws()}>`;
  };
  let s = '';
  if (r.next() < 0.4) s += `<?xml${ws1()}version=${quoted('1.0')}${r.pick(['', ' encoding="UTF-8"', " encoding='utf-8' standalone='yes'", ' standalone="no"'])}${ws()}?>`;
  s += r.pick(['', '\n', '<!--p-->', '<?p x?>']);
  if (r.next() < 0.5) s += dtd() + ws();
  s += elem(0) + r.pick(['', '\n', '<!--e-->', '<?e?>', ' ']);
  for (let c = r.next() < 0.5 ? 1 + r.int(2) : 0; c > 0; c--) {
    const i = r.int(s.length + 1);
    const k = r.int(3);
    s = s.slice(0, i) + (k === 0 ? '' : r.pick(CORRUPTION)) + s.slice(k === 1 ? i : i + 1);
  }
  return s;
}
