/**
 * Bytes -> text for an XML file, choosing the encoding the way libxml2 does
 * (XML 1.0 Appendix F): a byte-order mark, else the first bytes '<?' in
 * UTF-16, else 8-bit text whose `<?xml … encoding='…'?>` names the encoding
 * (UTF-8 when it names none). Pure: TextDecoder does the decoding, except
 * ISO-8859-1 and US-ASCII, where browsers' TextDecoder means windows-1252
 * and libxml2 means the real thing (encodings.ts). The text never keeps the BOM.
 */
import { charsetOf } from './encodings';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly message: string; readonly offset: number; readonly line: number; readonly col: number };

type Failure = Extract<DecodeResult, { ok: false }>;

/** A single-byte encoding decoded byte by byte, with 0x80..0x9F as U+0080..U+009F. */
function withC1(body: Uint8Array, decoder: TextDecoder): string {
  const table = Array.from({ length: 256 }, (_, i) => (i >= 0x80 && i <= 0x9f ? String.fromCharCode(i) : decoder.decode(Uint8Array.of(i))));
  let s = '';
  for (const x of body) s += table[x];
  return s;
}

/**
 * windows-1252 at 0x80..0x9F (0: undefined, which iconv, and so libxml2, refuses). Decoded
 * here because Node's TextDecoder reads this label as ISO-8859-1 (browsers do not).
 */
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function cp1252(body: Uint8Array): string {
  let s = '';
  for (let i = 0; i < body.length; i += 8192) {
    s += String.fromCharCode(...Array.from(body.subarray(i, i + 8192), (x) => (x >= 0x80 && x <= 0x9f ? CP1252[x - 0x80]! : x)));
  }
  return s;
}
const DECL_ENCODING = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])[^"']*\1[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2/;

export function decodeXml(bytes: Uint8Array): DecodeResult {
  try {
    return decode(bytes);
  } catch (e) {
    return fail(bytes, 0, 0, `This file could not be decoded: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function decode(b: Uint8Array): DecodeResult {
  const at = (i: number): number => b[i] ?? -1;
  const starts = (...xs: number[]): boolean => xs.every((x, i) => at(i) === x);
  if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0x00, 0x3c) || starts(0x3c, 0x00, 0x00, 0x00)) {
    return fail(b, 0, 0, 'This file is UTF-32 (UCS-4); Strata reads UTF-8 and UTF-16. Save it as UTF-8.');
  }
  if (starts(0x4c, 0x6f, 0xa7, 0x94)) return fail(b, 0, 0, 'This file is EBCDIC; Strata reads UTF-8 and UTF-16. Save it as UTF-8.');
  if (starts(0xff, 0xfe)) return utf16(b, 2, 'UTF-16LE', 'by its byte-order mark');
  if (starts(0xfe, 0xff)) return utf16(b, 2, 'UTF-16BE', 'by its byte-order mark');
  if (starts(0x3c, 0x00, 0x3f, 0x00)) return utf16(b, 0, 'UTF-16LE', "by its first bytes '<?'");
  if (starts(0x00, 0x3c, 0x00, 0x3f)) return utf16(b, 0, 'UTF-16BE', "by its first bytes '<?'");
  const bom = starts(0xef, 0xbb, 0xbf) ? 3 : 0;
  return eightBit(b, bom);
}

function utf16(b: Uint8Array, start: number, family: 'UTF-16LE' | 'UTF-16BE', how: string): DecodeResult {
  // libxml2 ignores an incomplete last code unit (a truncated file): it cannot be a character.
  const end = start + ((b.length - start) & ~1);
  const units = b.subarray(start, end);
  let text: string;
  try {
    text = new TextDecoder(family.toLowerCase(), { fatal: true, ignoreBOM: true }).decode(units);
  } catch {
    const bad = loneSurrogate(units, family === 'UTF-16LE');
    const before = new TextDecoder(family.toLowerCase(), { ignoreBOM: true }).decode(units.subarray(0, bad));
    return fail(b, start + bad, start, `This ${family} file has an unpaired surrogate (not a character) at byte offset ${start + bad}.`, before);
  }
  if (text.charCodeAt(0) === 0xfeff) return fail(b, start, start, 'This file starts with two byte-order marks; remove one.');
  const declared = DECL_ENCODING.exec(text.slice(0, 1024))?.[3] ?? null;
  const cs = declared === null ? null : charsetOf(declared);
  // libxml2 keeps decoding UTF-16 when the declaration says UTF-8 or UTF-16 (of this byte order); any other name switches the decoder mid-file.
  const fits = cs !== null && (cs.kind === 'utf8' || (cs.kind === 'utf16' && /^utf-?16(le|be)?$/i.test(declared!) && (cs.endian === null || `UTF-16${cs.endian.toUpperCase()}` === family)));
  if (declared !== null && !fits) {
    return fail(b, start, start, `This file is ${family} (${how}), but its XML declaration says encoding='${declared}'; libxml2 refuses that. Declare encoding='UTF-16'.`);
  }
  return { ok: true, text, encoding: family };
}

function eightBit(b: Uint8Array, bom: number): DecodeResult {
  const nul = b.indexOf(0, bom);
  if (nul >= 0) return fail(b, nul, bom, `This file is not text (it has NUL bytes at offset ${nul}).`);
  const head = latin1(b.subarray(bom, Math.min(b.length, bom + 1024)));
  const declared = DECL_ENCODING.exec(head)?.[3] ?? null;
  const cs = declared === null ? ({ kind: 'utf8' } as const) : charsetOf(declared);
  if (cs === null) {
    return fail(b, bom, bom, `Unsupported encoding '${declared}' in the XML declaration; Strata reads UTF-8, UTF-16 and the encodings browsers know (ISO-8859-n, windows-125n, Shift_JIS, …).`);
  }
  if (cs.kind === 'utf8') return utf8(b, bom);
  if (cs.kind === 'utf16') {
    return fail(b, bom, bom, `The XML declaration says encoding='${declared}', but the file is 8-bit text (UTF-8 or ASCII), not UTF-16. Declare encoding='UTF-8'.`);
  }
  const body = b.subarray(bom);
  if (cs.kind === 'latin1') return { ok: true, text: latin1(body), encoding: 'ISO-8859-1' };
  if (cs.kind === 'ascii') {
    const hi = body.findIndex((x) => x > 0x7f);
    if (hi >= 0) return fail(b, bom + hi, bom, `Byte 0x${hex2(body[hi]!)} at offset ${bom + hi} is not ASCII, but the XML declaration says encoding='${declared}'.`);
    return { ok: true, text: latin1(body), encoding: 'US-ASCII' };
  }
  const { decoder } = cs;
  if (decoder.encoding === 'windows-1252') {
    const hole = body.findIndex((x) => x >= 0x80 && x <= 0x9f && CP1252[x - 0x80] === 0);
    if (hole >= 0) return fail(b, bom + hole, bom, `Byte 0x${hex2(body[hole]!)} at offset ${bom + hole} is not a character in ${declared}.`);
    return { ok: true, text: cp1252(body), encoding: 'windows-1252' };
  }
  try {
    if (cs.c1 && body.some((x) => x >= 0x80 && x <= 0x9f)) return { ok: true, text: withC1(body, decoder), encoding: declared! };
    return { ok: true, text: decoder.decode(body), encoding: decoder.encoding };
  } catch {
    const bad = bom + firstUndecodable(body, decoder.encoding);
    return fail(b, bad, bom, `This file is not valid ${declared} (as its XML declaration says) at byte offset ${bad}.`);
  }
}

function utf8(b: Uint8Array, bom: number): DecodeResult {
  const body = b.subarray(bom);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = bom + invalidUtf8(body);
    const bytes = Array.from(b.subarray(bad, bad + 4), (x) => '0x' + hex2(x)).join(' ');
    return fail(b, bad, bom, `This file is not valid UTF-8 at byte offset ${bad} (bytes ${bytes}). Save it as UTF-8, or declare its encoding, e.g. <?xml version='1.0' encoding='ISO-8859-1'?>.`);
  }
  if (text.charCodeAt(0) === 0xfeff) return fail(b, bom, bom, 'This file starts with two byte-order marks; remove one.');
  return { ok: true, text, encoding: 'UTF-8' };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  // Chunks keep String.fromCharCode's argument list small.
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function hex2(x: number): string {
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** Offset of the first byte that does not start (or continue) a valid UTF-8 sequence, as TextDecoder judges it. */
function invalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    if (n > 1) {
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (b[i + 1]! < lo || b[i + 1]! > hi) return i;
      for (let k = 2; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n;
  }
  return b.length;
}

function loneSurrogate(units: Uint8Array, le: boolean): number {
  const u = (i: number): number => (le ? units[i]! | (units[i + 1]! << 8) : (units[i]! << 8) | units[i + 1]!);
  for (let i = 0; i + 1 < units.length; i += 2) {
    const c = u(i);
    if (c >= 0xdc00 && c <= 0xdfff) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 3 < units.length ? u(i + 2) : -1;
      if (d < 0xdc00 || d > 0xdfff) return i;
      i += 2;
    }
  }
  return 0;
}

/** Binary search for the shortest undecodable prefix: streaming decodes do not fail on an incomplete last sequence. */
function firstUndecodable(b: Uint8Array, label: string): number {
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder(label, { fatal: true }).decode(b.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** A failure at byte `offset`, with the line/col of that point in the text decoded so far (leniently). */
function fail(b: Uint8Array, offset: number, start: number, message: string, before?: string): Failure {
  const text = before ?? new TextDecoder().decode(b.subarray(start, offset));
  const nl = text.lastIndexOf('\n');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  return { ok: false, message, offset, line, col: text.length - nl };
}
