/**
 * One test per problem the XML layer had (each failed with the
 * fast-xml-parser reader): references, PIs and the prolog, attribute names,
 * malformed input libxml2 rejects. Encodings: decode.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toText } from '../../../src/core/io/document';
import { parseXml } from '../../../src/core/xml/parse';
import type { XmlElement } from '../../../src/core/xml/tree';
import { writeXml } from '../../../src/core/xml/write';
import { load } from '../../helpers/load';

const disk = (inner: string): string => `<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n${inner}\n  <target dev='vda' bus='virtio'/>\n</disk>\n`;

/** What Strata saves for `text`. */
const saved = (text: string): string => toText(load(text));

function refused(text: string): { code: string; message: string; line: number; col: number } {
  const r = parseXml(text);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(text)}`);
  return r.error;
}

function root(text: string): XmlElement {
  const r = parseXml(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.root;
}

describe('character references are decoded, and written back once', () => {
  it("the path caf&#233;.qcow2 stays café.qcow2 (not &amp;#233;)", () => {
    const out = saved(disk("  <source file='/var/lib/libvirt/images/caf&#233;.qcow2'/>"));
    expect(out).toContain("file='/var/lib/libvirt/images/café.qcow2'");
    expect(out).not.toContain('&amp;#');
  });

  it('&#65; and &#x41; in attributes and text are the letter A', () => {
    const e = root("<domain><name x='&#65;&#x41;'>&#65;&#x41;&#x1F600;</name></domain>").children[0] as XmlElement;
    expect(e.attrs).toEqual([['x', 'AA']]);
    expect(e.children).toEqual([{ kind: 'text', text: 'AA\u{1F600}' }]);
    expect(writeXml([e])).toBe("<name x='AA'>AA\u{1F600}</name>\n");
  });
});

describe('processing instructions and the prolog keep their content and place', () => {
  it('<?pi data?> keeps its data, in the prolog and inside an element', () => {
    const text = "<?pi some data?>\n<domain>\n  <?inner a='1' b?>\n  <name>x</name>\n</domain>\n";
    const r = parseXml(text);
    expect(r.ok && r.nodes[0]).toEqual({ kind: 'pi', name: 'pi', data: 'some data' });
    expect(saved(text)).toBe(text);
  });

  it('the DOCTYPE stays where it was, between the comments around it', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- first -->\n<!DOCTYPE domain>\n<!-- second -->\n<?pi x?>\n<domain>\n  <name>x</name>\n</domain>\n<!-- after -->\n';
    expect(saved(text)).toBe(text);
  });
});

describe('any legal attribute name is kept verbatim', () => {
  const names = ['toString', 'valueOf', 'hasOwnProperty', '__proto__', 'constructor', 'prototype', '__defineGetter__'];

  it.each(names)('%s', (name) => {
    const text = disk(`  <source file='/a.qcow2' ${name}='v'/>`);
    const out = saved(text);
    expect(out).toContain(`<source file='/a.qcow2' ${name}='v'/>`);
    if (!name.startsWith('__')) expect(out).not.toContain(`__${name}`);
    const source = (root(text).children[1] as XmlElement).attrs;
    expect(source).toEqual([['file', '/a.qcow2'], [name, 'v']]);
  });

  it('all at once on one element, in order, with no "[SECURITY]" refusal', () => {
    const attrs = names.map((n, i) => `${n}='${i}'`).join(' ');
    expect(saved(`<domain ${attrs}/>`)).toBe(`<domain ${attrs}/>\n`);
  });
});

describe('malformed input libxml2 rejects is rejected, at the offending character', () => {
  const at = (text: string, marker: string): { line: number; col: number } => {
    const i = text.indexOf(marker);
    const before = text.slice(0, i).split('\n');
    return { line: before.length, col: before[before.length - 1]!.length + 1 };
  };

  it.each([
    ['a control character in an attribute value', "<disk><source file='/a\u0001b'/></disk>", '\u0001', /Control character U\+0001/],
    ['a control character in text', '<domain><name>a\u001Fb</name></domain>', '\u001F', /Control character U\+001F/],
    ['NUL in an attribute value', "<disk><source file='/a\u0000'/></disk>", '\u0000', /NUL/],
    ['NUL in text', '<domain><name>\u0000</name></domain>', '\u0000', /NUL/],
    ["'<' in an attribute value", "<disk>\n  <source file='/a<b'/>\n</disk>", '<b', /^Attribute value contains '<' \(write &lt;\)\.$/],
    ['an unpaired high surrogate in text', '<domain><name>a\uD800b</name></domain>', '\uD800', /Unpaired surrogate U\+D800/],
    ['an unpaired low surrogate in an attribute value', "<disk><source file='\uDC00'/></disk>", '\uDC00', /Unpaired surrogate U\+DC00/],
    ['U+FFFE', '<domain><name>\uFFFE</name></domain>', '\uFFFE', /U\+FFFE/],
    ["'<!ENTITY a \"b\">' inside <disk>", disk('  <!ENTITY a "b">'), '<!ENTITY', /DTD declaration.*internal subset/],
  ])('%s', (_, text, marker, message) => {
    const e = refused(text);
    expect(e.code).toBe('xml-malformed');
    expect(e.message).toMatch(message);
    expect({ line: e.line, col: e.col }).toEqual(at(text, marker));
  });

  it('a double byte-order mark (one is skipped, the second is not allowed)', () => {
    expect(parseXml('\uFEFF<disk/>').ok).toBe(true);
    const e = refused('\uFEFF\uFEFF<disk/>');
    expect([e.code, e.line, e.col]).toEqual(['xml-malformed', 1, 1]);
    expect(e.message).toMatch(/second byte-order mark/);
  });

  it('never a stack trace: every error is a person-readable sentence', () => {
    for (const text of ["<a x='<'/>", '<a>\u0000</a>', '<a></b>', '<a', '', '<!DOCTYPE a [<!ENTITY e SYSTEM "x">]><a/>']) {
      const e = refused(text);
      expect(e.message).not.toMatch(/\n\s+at /);
      expect(e.message).toMatch(/^[A-Z'<&]/);
    }
  });
});
