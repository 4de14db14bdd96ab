/**
 * What the XML layer keeps and how: layout whitespace, escaping, entities
 * (what is expanded, what is refused), namespaces as xmllint treats them,
 * element locations, depth and size without recursion or quadratic scans,
 * and a result (never an exception) for any string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { libvirtChain } from '../../../bench/cases';
import { EXAMPLES } from '../../../src/core/examples';
import { nodeRanges } from '../../../src/core/textRanges';
import { decodeXml } from '../../../src/core/xml/decode';
import { parseXml } from '../../../src/core/xml/parse';
import type { XmlElement, XmlNode } from '../../../src/core/xml/tree';
import { escapeAttr, escapeText, writeXml } from '../../../src/core/xml/write';
import { load } from '../../helpers/load';

const roundTrip = (text: string): string => {
  const r = parseXml(text);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.col} ${r.error.message}`);
  return writeXml(r.nodes);
};
const error = (text: string) => {
  const r = parseXml(text);
  return r.ok ? null : r.error;
};

describe('whitespace and escaping', () => {
  it('whitespace between elements is layout (re-indented); mixed and text-only content is kept exactly', () => {
    expect(roundTrip('<a>\n\t\t<b/>  <!--c-->\n</a>')).toBe('<a>\n  <b/>\n  <!--c-->\n</a>\n');
    expect(roundTrip('<a>x<b/> <c/>\n</a>')).toBe('<a>x<b/> <c/>\n</a>\n');
    expect(roundTrip('<a>  </a>')).toBe('<a>  </a>\n');
    expect(roundTrip('<a> <![CDATA[x]]> </a>')).toBe('<a> <![CDATA[x]]> </a>\n');
  });

  it('line ends are normalised (CR LF, CR -> LF) and a CR from &#13; survives as a reference', () => {
    expect(roundTrip("<a x='1\r\n2'>p\r\nq\rr&#13;</a>")).toBe("<a x='1 2'>p\nq\nr&#13;</a>\n");
  });

  it('text escapes & < > (so never ]]>); attributes & < > \' " and tab, LF, CR as references', () => {
    expect(escapeText('a]]>b&<\r')).toBe('a]]&gt;b&amp;&lt;&#13;');
    expect(escapeAttr(`'"&<>\t\n\r`)).toBe('&apos;&quot;&amp;&lt;&gt;&#9;&#10;&#13;');
    expect(roundTrip("<a x='&#9;&#10;&#13;'>]]&gt;</a>")).toBe("<a x='&#9;&#10;&#13;'>]]&gt;</a>\n");
  });

  it('the XML declaration is written with double quotes and, since the output is UTF-8, says UTF-8', () => {
    expect(roundTrip("<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?><a/>")).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a/>\n');
    expect(roundTrip("<?xml version='1.0'?><a/>")).toBe('<?xml version="1.0"?>\n<a/>\n');
  });
});

describe('entities', () => {
  const dtd = (decl: string, body = '<a/>'): string => `<!DOCTYPE a [\n  ${decl}\n]>\n${body}`;

  it('an internal entity with plain text is expanded (in text and in attributes, where its white space becomes spaces)', () => {
    const r = parseXml(dtd('<!ENTITY e "caf&#233; a&#10;b">', "<a x='&e;'>&e;</a>"));
    expect(r.ok && r.root.attrs).toEqual([['x', 'café a b']]);
    expect(r.ok && r.root.children).toEqual([{ kind: 'text', text: 'café a\nb' }]);
  });

  it.each([
    ['an external entity (SYSTEM)', '<!ENTITY e SYSTEM "file:///etc/passwd">', /External entity 'e'/],
    ['an external entity (PUBLIC)', '<!ENTITY e PUBLIC "-//x" "http://example.com/e">', /External entity 'e'/],
    ['an unparsed entity (NDATA)', '<!ENTITY e SYSTEM "x" NDATA n>', /External entity 'e'/],
    ['a parameter entity', '<!ENTITY % p "x">', /Parameter entity 'p'/],
    ['an entity referring to another (billion laughs)', '<!ENTITY e "&lt;&lt;">', /refers to other entities/],
    ['an entity with markup', '<!ENTITY e "<b/>">', /contains markup/],
    ['an entity that is a character reference to &', '<!ENTITY e "&#38;#60;">', /refers to other entities/],
  ])('refuses %s with xml-entity, at its declaration', (_, decl, message) => {
    const e = error(dtd(decl));
    expect(e && [e.code, e.line, e.col]).toEqual(['xml-entity', 2, 3]);
    expect(e?.message).toMatch(message);
  });

  it('expansion is capped (ten times the document, at least 10 MB): a big entity referenced often is refused', () => {
    const big = 'x'.repeat(100_000);
    const e = error(`<!DOCTYPE a [<!ENTITY e "${big}">]><a>${'&e;'.repeat(200)}</a>`);
    expect(e).toMatchObject({ code: 'xml-entity', message: expect.stringMatching(/ten times/) });
    expect(parseXml(`<!DOCTYPE a [<!ENTITY e "${big}">]><a>${'&e;'.repeat(50)}</a>`).ok).toBe(true);
  });

  it('an undefined entity is malformed; with an external DTD Strata does not read, it is refused (xml-entity)', () => {
    expect(error('<a>&nope;</a>')).toMatchObject({ code: 'xml-malformed', message: 'Undefined entity &nope;.', line: 1, col: 4 });
    expect(error('<!DOCTYPE a SYSTEM "domain.dtd"><a>&nope;</a>')).toMatchObject({ code: 'xml-entity' });
    expect(error('<?xml version="1.0" standalone="yes"?><!DOCTYPE a SYSTEM "d.dtd"><a>&nope;</a>')).toMatchObject({ code: 'xml-malformed' });
  });

  it('the five predefined entities cannot be redefined, and &toString; is not Object.prototype.toString', () => {
    expect(parseXml(dtd('<!ENTITY lt "x">', '<a>&lt;</a>')).ok && roundTrip(dtd('<!ENTITY lt "x">', '<a>&lt;</a>'))).toContain('<a>&lt;</a>');
    expect(error('<a>&toString;</a>')?.message).toBe('Undefined entity &toString;.');
  });
});

describe('namespaces as xmllint treats them', () => {
  it('an undeclared prefix or an odd QName is a namespace error, not malformed: kept verbatim', () => {
    expect(roundTrip("<domain><qemu:commandline><qemu:arg value='-s'/></qemu:commandline></domain>")).toContain('<qemu:arg value=\'-s\'/>');
    expect(roundTrip("<a x:y='1' b:='2' xmlns:c=''/>")).toBe("<a x:y='1' b:='2' xmlns:c=''/>\n");
  });

  it('the same attribute name twice is malformed; a second colon followed by a digit is too (libxml2 reads prefix:local)', () => {
    expect(error("<a x='1' x='2'/>")).toMatchObject({ code: 'xml-malformed', col: 10 });
    expect(error('<a:b:1/>')).toMatchObject({ code: 'xml-malformed', col: 6 });
  });
});

describe('element locations', () => {
  it('start (the <), end (past the end tag or />), and 1-based line/col of the start', () => {
    const text = "<domain>\r\n  <devices>\n    <disk type='file'/>\n  </devices>\n</domain>";
    const r = parseXml(text);
    if (!r.ok) throw new Error(r.error.message);
    const devices = r.root.children[0] as XmlElement;
    const disk = devices.children[0] as XmlElement;
    expect(r.root.loc).toEqual({ start: 0, end: text.length, line: 1, col: 1 });
    expect(devices.loc).toEqual({ start: 12, end: text.indexOf('</devices>') + 10, line: 2, col: 3 });
    expect(disk.loc).toEqual({ start: text.indexOf('<disk'), end: text.indexOf('/>') + 2, line: 3, col: 5 });
  });

  it.each(EXAMPLES.map((e) => [e.id, e.text]))('textRanges finds each node of %s at its <disk> or <backingStore> element', (_, text) => {
    const ranges = nodeRanges(load(text), text);
    expect(ranges.length).toBeGreaterThan(0);
    for (const n of ranges) {
      expect(text.slice(n.start)).toMatch(/^<(disk|backingStore)\b/);
      expect(text.slice(0, n.end)).toMatch(/(<\/(disk|backingStore)>|\/>)$/);
      expect(text[n.tagEnd - 1]).toBe('>');
    }
  });

  it('with a leading BOM, offsets count from after it', () => {
    const r = parseXml('\uFEFF<a>\n <b/></a>');
    expect(r.ok && (r.root.children[0] as XmlElement).loc).toEqual({ start: 5, end: 9, line: 2, col: 2 });
  });
});

describe('depth and size', () => {
  it('10,000 nested elements: no recursion, written back the same', () => {
    const deep = '<a>'.repeat(10_000) + 'x' + '</a>'.repeat(10_000);
    const r = parseXml(deep);
    expect(r.ok).toBe(true);
    let n: XmlNode = (r as { root: XmlElement }).root;
    let depth = 0;
    while (n.kind === 'element') {
      depth++;
      n = n.children[0]!;
    }
    expect(depth).toBe(10_000);
    expect(writeXml((r as { nodes: readonly XmlNode[] }).nodes).length).toBeGreaterThan(deep.length);
  });

  // How long it takes, and that 4x the text takes about 4x the time, are bench rows (npm run bench: "parse growth"),
  // not timed unit tests: a loaded CI machine made a time limit here fail.
  it('a 4 MB chain parses, every level kept', () => {
    const big = libvirtChain(1000);
    expect(big.length).toBeGreaterThan(4e6);
    const r = parseXml(big);
    expect(r.ok).toBe(true);
    const text = writeXml((r as { nodes: readonly XmlNode[] }).nodes);
    expect(text).toBe(big);
  });
});

describe('a result for every input, never an exception', () => {
  const xmlish = fc.array(
    fc.oneof(
      fc.constantFrom('<', '>', '/', '&', ';', '#', 'x', '"', "'", '=', '!', '?', '[', ']', '-', ' ', '\n', '\r', ':', '%', 'a', '<a>', '</a>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE a [', '<!ENTITY e "v">', '&e;', '&#65;', '\uFEFF', '\uD800', '\u0000'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 40 },
  );

  it('parseXml on random XML-ish strings', () => {
    fc.assert(
      fc.property(xmlish, (parts) => {
        const r = parseXml(parts.join(''));
        return r.ok ? r.root.kind === 'element' : r.error.line >= 1 && r.error.col >= 1 && r.error.message.length > 0;
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('decodeXml on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const d = decodeXml(b);
        return d.ok ? typeof d.text === 'string' : d.line >= 1 && d.col >= 1;
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
