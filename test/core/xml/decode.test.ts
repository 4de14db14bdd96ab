/**
 * Encodings: decodeXml reads what libxml2 reads (UTF-8 with or without BOM,
 * UTF-16 LE/BE by BOM or by '<?', the declared encoding), refuses binary or
 * undecodable bytes with a clear message, and the CLI and the browser's
 * file open go through it. Output is always UTF-8 and its declaration says so.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run';
import { loadText, toText } from '../../../src/core/io/document';
import { decodeXml } from '../../../src/core/xml/decode';
import { openFile } from '../../../src/state/files';
import { useEditor } from '../../../src/state/store';
import { strataProcess } from '../../helpers/cli';
import { latin1Bytes, utf16, wtf8 } from './sources';

const DOC = "<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n  <source file='/images/café.qcow2'/>\n  <target dev='vda' bus='virtio'/>\n</disk>\n";
const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const BOM8 = [0xef, 0xbb, 0xbf];

function text(b: Uint8Array): { text: string; encoding: string } {
  const d = decodeXml(b);
  if (!d.ok) throw new Error(d.message);
  return d;
}

describe('decodeXml', () => {
  it.each([
    ['UTF-8', wtf8(DOC), 'UTF-8'],
    ['UTF-8 with a BOM', bytes(BOM8, wtf8(DOC)), 'UTF-8'],
    ['UTF-16LE with a BOM', utf16(DOC, true, true), 'UTF-16LE'],
    ['UTF-16BE with a BOM', utf16(DOC, false, true), 'UTF-16BE'],
    ["UTF-16LE without a BOM, found by its '<?'", utf16(`<?xml version="1.0" encoding="UTF-16"?>\n${DOC}`, true, false), 'UTF-16LE'],
    ["UTF-16BE without a BOM, found by its '<?'", utf16(`<?xml version="1.0" encoding="UTF-16"?>\n${DOC}`, false, false), 'UTF-16BE'],
    ['ISO-8859-1 as declared (0x80 is U+0080, not the euro sign)', latin1Bytes(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${DOC}`)!, 'ISO-8859-1'],
  ])('%s', (_, input, encoding) => {
    const d = text(input);
    expect(d.encoding).toBe(encoding);
    expect(d.text.endsWith(DOC)).toBe(true);
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('the declaration is honoured where libxml2 honours it: after a UTF-8 BOM too', () => {
    const d = text(bytes(BOM8, latin1Bytes("<?xml version='1.0' encoding='ISO-8859-1'?><a>\u00e9\u0080</a>")!));
    expect(d.text).toBe("<?xml version='1.0' encoding='ISO-8859-1'?><a>\u00e9\u0080</a>");
  });

  it.each([
    ['NUL bytes (a binary file)', bytes(wtf8('<a>'), [0, 1, 2], wtf8('</a>')), /^This file is not text \(it has NUL bytes at offset 3\)\.$/],
    ['invalid UTF-8, with the offset', bytes(wtf8('<a>\n  x'), [0xe9], wtf8('</a>')), /not valid UTF-8 at byte offset 7 \(bytes 0xE9/],
    ['a lone surrogate encoded in UTF-8', bytes(wtf8('<a>'), [0xed, 0xa0, 0x80], wtf8('</a>')), /not valid UTF-8 at byte offset 3/],
    ['two UTF-8 BOMs', bytes(BOM8, BOM8, wtf8('<a/>')), /two byte-order marks/],
    ['UTF-16 declared in an 8-bit file', wtf8("<?xml version='1.0' encoding='UTF-16'?><a/>"), /8-bit text .* not UTF-16/],
    ['an unknown encoding', wtf8("<?xml version='1.0' encoding='klingon'?><a/>"), /Unsupported encoding 'klingon'/],
    ['a UTF-16 file declaring another encoding', utf16("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", true, true), /UTF-16LE .* says encoding='ISO-8859-1'/],
    ['UTF-32', bytes([0xff, 0xfe, 0, 0], [0x3c, 0, 0, 0]), /UTF-32/],
  ])('refuses %s with a clear message and a line:col', (_, input, message) => {
    const d = decodeXml(input);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.message).toMatch(message);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
  });

  it('line and column of an invalid byte', () => {
    const d = decodeXml(bytes(wtf8('<a>\n  x'), [0xe9], wtf8('</a>')));
    expect(d.ok ? null : [d.line, d.col, d.offset]).toEqual([2, 4, 7]);
  });

  it('a trailing odd byte in UTF-16 is ignored, as libxml2 ignores it', () => {
    expect(text(bytes(utf16(DOC, true, true), [0x0a])).text).toBe(DOC);
  });
});

describe('written as UTF-8, and the declaration says so', () => {
  it('a UTF-16 document comes back with encoding="UTF-8"; an undeclared one gets no declaration', () => {
    const d = text(utf16(`<?xml version="1.0" encoding="UTF-16"?>\n${DOC}`, true, true));
    const r = loadText(d.text);
    expect(r.ok && toText(r.doc)).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n${DOC}`);
    const plain = loadText(DOC);
    expect(plain.ok && toText(plain.doc)).toBe(DOC);
  });
});

describe('wired into the CLI and the browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-decode-'));
  const file = join(dir, 'utf16.xml');
  writeFileSync(file, utf16(DOC, true, true));

  it('the CLI reads a UTF-16 file with a BOM (in process)', () => {
    let out = '';
    let err = '';
    const code = run(['convert', file, '--to', 'libvirt'], { readInput: () => utf16(DOC, true, true), out: (t) => (out += t), err: (t) => (err += t) });
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain("<source file='/images/café.qcow2'/>");
  });

  it('the CLI refuses a binary file at its line:col (in process)', () => {
    let err = '';
    const code = run(['validate', 'bin.xml'], { readInput: () => bytes(wtf8('<a>\n'), [0, 0]), out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(1);
    expect(err).toBe('bin.xml:2:1: error: xml-malformed: This file is not text (it has NUL bytes at offset 4).\n');
  });

  it("`strata inspect` on a UTF-16 file (no more \"char '�' is not expected\")", { timeout: 60_000 }, () => {
    const r = strataProcess(['inspect', file]);
    expect(r.stderr).not.toMatch(/is not expected/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('café.qcow2');
  });

  it('Open / drop in the browser decodes the bytes (a UTF-16 file opens)', async () => {
    await openFile(new File([Uint8Array.from(utf16(DOC, false, true))], 'be.xml'));
    const s = useEditor.getState();
    expect(s.notice?.text).toBe('Opened be.xml.');
    expect(s.text).toBe(DOC);
  });
});
