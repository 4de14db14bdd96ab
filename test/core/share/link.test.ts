/**
 * The share link's pure part (src/core/share): round trips of any text
 * (astral characters included) through both compressions, the frame's
 * version, damaged and cut-short links refused with a reason, the size limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { fromBase64url, toBase64url } from '../../../src/core/share/base64url';
import { crc32 } from '../../../src/core/share/crc32';
import { MAX_LINK_CHARS, SHARE_VERSION, encodeShare, readShare, shareLink, withoutFragment } from '../../../src/core/share/link';
import { streamCodec, zlibCodec } from './codecs';

const BASE = 'https://strata.example/app/';

/** XML-ish text: markup, quotes, ampersands, newlines, and any Unicode scalar value (astral planes too). */
const xmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<disk>', '</disk>', "<source file='", "'/>", '&amp;', '&', '<', '>', '"', "'", '\n', '\t', '  ', '#', '%', '=', '.'),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('😀', '𝄞', '𠜎', 'é', 'ß', '\u{10FFFF}', '\uFEFF', '\0'),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const fragmentOf = (url: string): string => url.slice(url.indexOf('#'));

describe('base64url', () => {
  it('round-trips any bytes, with the URL-safe alphabet and no padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        const back = fromBase64url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it('refuses characters outside the alphabet and impossible lengths, saying where', () => {
    expect(fromBase64url('ab+d')).toEqual({ ok: false, reason: expect.stringContaining('"+" at character 3') });
    expect(fromBase64url('abcde')).toEqual({ ok: false, reason: expect.stringContaining('cut short') });
  });
});

describe('crc32', () => {
  it('is the IEEE CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('share link', () => {
  it('round-trips random XML-ish text, astral characters included, through zlib and CompressionStream alike', async () => {
    await fc.assert(
      fc.asyncProperty(xmlish, fc.constantFrom(zlibCodec, streamCodec), fc.constantFrom(zlibCodec, streamCodec), async (text, enc, dec) => {
        const link = await shareLink(BASE, text, enc);
        expect(link.ok).toBe(true);
        if (!link.ok) return;
        expect(link.url.startsWith(`${BASE}#doc=v${SHARE_VERSION}.`)).toBe(true);
        // Nothing in the fragment needs escaping.
        expect(fragmentOf(link.url)).toMatch(/^#doc=v1\.[A-Za-z0-9_-]+$/);
        expect(await readShare(fragmentOf(link.url), dec)).toEqual({ kind: 'ok', text });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every built-in example exactly, and replaces the base page\'s own fragment', async () => {
    for (const ex of EXAMPLES) {
      const link = await shareLink(`${BASE}#doc=v1.old`, ex.text, zlibCodec);
      expect(link.ok).toBe(true);
      if (!link.ok) continue;
      expect(link.url.split('#')).toHaveLength(2);
      expect(link.url.length).toBeLessThan(2000); // they fit even the most cautious link limits
      expect(await readShare(fragmentOf(link.url), streamCodec)).toEqual({ kind: 'ok', text: ex.text });
    }
    expect(withoutFragment('https://a/b?c=1#x')).toBe('https://a/b?c=1');
  });

  it('finds doc= among other fragment keys, and reads a percent-escaped or wrapped link', async () => {
    const { fragment } = await encodeShare('<disk/>', zlibCodec);
    const value = fragment.slice('#doc='.length);
    expect(await readShare(`#view=1&doc=${value}&x=2`, zlibCodec)).toEqual({ kind: 'ok', text: '<disk/>' });
    const escaped = value.replace(/\./g, '%2E');
    expect(await readShare(`#doc=${escaped}`, zlibCodec)).toEqual({ kind: 'ok', text: '<disk/>' });
    const wrapped = `${value.slice(0, 5)}\n  ${value.slice(5)}`;
    expect(await readShare(`#doc=${wrapped}`, zlibCodec)).toEqual({ kind: 'ok', text: '<disk/>' });
  });

  it('says "none" for a fragment that is no share link', async () => {
    for (const hash of ['', '#', '#view=2', '#document=1', '#docs']) expect(await readShare(hash, zlibCodec)).toEqual({ kind: 'none' });
  });

  it('refuses a missing, unknown or newer version with the reason', async () => {
    const { fragment } = await encodeShare('<disk/>', zlibCodec);
    const payload = fragment.slice('#doc=v1.'.length);
    const reason = async (hash: string) => {
      const r = await readShare(hash, zlibCodec);
      return r.kind === 'error' ? r.reason : `not refused: ${r.kind}`;
    };
    expect(await reason('#doc=')).toMatch(/holds no document/);
    expect(await reason(`#doc=${payload}`)).toMatch(/does not start with a format version/);
    expect(await reason(`#doc=v2.${payload}`)).toMatch(/newer Strata \(link format v2; this version reads v1\)/);
    expect(await reason(`#doc=v0.${payload}`)).toMatch(/format v0, which no Strata writes/);
    expect(await reason(`#doc=pako:${payload}`)).toMatch(/format version/);
  });

  it('refuses every cut-short link, never opening part of a document', async () => {
    const text = EXAMPLES[0]!.text;
    const { fragment } = await encodeShare(text, zlibCodec);
    for (let cut = '#doc=v1.'.length; cut < fragment.length; cut++) {
      for (const codec of [zlibCodec, streamCodec]) {
        const r = await readShare(fragment.slice(0, cut), codec);
        expect(r.kind, `cut at ${cut}`).toBe('error');
      }
    }
  });

  it('refuses a link with any one character changed (the checksum catches what inflates anyway)', async () => {
    const { fragment } = await encodeShare(EXAMPLES[1]!.text, zlibCodec);
    const start = '#doc=v1.'.length;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: start, max: fragment.length - 1 }), fc.integer({ min: 1, max: 63 }), async (at, shift) => {
        const c = alphabet[(alphabet.indexOf(fragment[at]!) + shift) % 64]!;
        const damaged = fragment.slice(0, at) + c + fragment.slice(at + 1);
        const r = await readShare(damaged, zlibCodec);
        // The last character may carry only padding bits that decode to the same bytes.
        if (r.kind === 'ok') expect(r.text).toBe(EXAMPLES[1]!.text);
        else expect(r.kind === 'error' && r.reason).toMatch(/damaged|cut short/);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses garbage, a foreign character, and text that is not UTF-8', async () => {
    const r1 = await readShare('#doc=v1.AAAAAAAAAAAA', zlibCodec);
    expect(r1.kind).toBe('error');
    const r2 = await readShare('#doc=v1.abc*def', zlibCodec);
    expect(r2).toEqual({ kind: 'error', reason: expect.stringContaining('"*" at character 4') });
    // Valid deflate of bytes that are not UTF-8, with a correct checksum: still refused.
    const bytes = new Uint8Array([0xff, 0xfe, 0x3c]);
    const packed = await zlibCodec.deflate(bytes);
    const framed = new Uint8Array([...packed, 0, 0, 0, 0]);
    new DataView(framed.buffer).setUint32(packed.length, crc32(bytes));
    expect(await readShare(`#doc=v1.${toBase64url(framed)}`, zlibCodec)).toEqual({ kind: 'error', reason: expect.stringContaining('not UTF-8') });
  });

  it('refuses a link that inflates past the limit (a crafted "zip bomb"), saying so', async () => {
    const { fragment } = await encodeShare('x'.repeat(200_000), zlibCodec);
    expect(fragment.length).toBeLessThan(1000);
    expect(await readShare(fragment, zlibCodec, 100_000)).toEqual({ kind: 'error', reason: expect.stringContaining('larger than') });
  });

  it('offers no link for a document whose link passes the limit, and gives the sizes', async () => {
    // Random text does not compress: about 4/3 characters per byte.
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const rnd = Array.from({ length: 30_000 }, () => String.fromCharCode(33 + (next() % 90))).join('');
    const big = await shareLink(BASE, rnd, zlibCodec);
    expect(big.ok).toBe(false);
    if (big.ok) return;
    expect(big.limit).toBe(MAX_LINK_CHARS);
    // The capacity is exact: that many compressed bytes make a link of at most the limit, one more does not.
    const prefix = big.length - Math.ceil(((big.packedBytes + 4) * 4) / 3);
    expect(prefix + Math.ceil(((big.maxPackedBytes + 4) * 4) / 3)).toBeLessThanOrEqual(MAX_LINK_CHARS);
    expect(prefix + Math.ceil(((big.maxPackedBytes + 5) * 4) / 3)).toBeGreaterThan(MAX_LINK_CHARS);
    expect(big.length).toBeGreaterThan(MAX_LINK_CHARS);
    expect(big.reason).toMatch(/^The link would be [\d,]+ characters long; links longer than 32,000/);
    const small = await shareLink(BASE, '<disk/>', zlibCodec, 10);
    expect(small).toMatchObject({ ok: false, limit: 10 });
    const exact = await shareLink(BASE, '<disk/>', zlibCodec);
    expect(exact.ok && (await shareLink(BASE, '<disk/>', zlibCodec, exact.length)).ok).toBe(true);
  });
});

describe('the page a link points at', () => {
  it('drops the fragment and the ?example= that opened the tab, keeping other query parameters', () => {
    expect(withoutFragment('http://h/strata/?example=mail-quorum#doc=v1.x')).toBe('http://h/strata/');
    expect(withoutFragment('http://h/?example=web01&lang=en')).toBe('http://h/?lang=en');
    expect(withoutFragment('http://h/?lang=en&example=web01')).toBe('http://h/?lang=en');
    expect(withoutFragment('http://h/?a=1&example=web01&b=2#x')).toBe('http://h/?a=1&b=2');
    expect(withoutFragment('http://h/?myexample=1')).toBe('http://h/?myexample=1');
  });
});
