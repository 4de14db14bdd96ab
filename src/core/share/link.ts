/**
 * A share link: the whole XML text in the URL fragment, so no server ever
 * sees it (browsers do not send the part after `#`).
 *
 *   https://host/path#doc=v1.<base64url( deflate-raw(UTF-8 text) ‖ CRC-32 )>
 *
 * - `v1.`: the format version, so a later Strata can change the payload
 *   (add the layout, say) and still read, or clearly refuse, old links.
 * - deflate-raw (RFC 1951): what CompressionStream('deflate-raw') writes; the
 *   compression is injected (`ShareCodec`) because core has no platform
 *   streams. Raw deflate has no checksum, so 4 bytes of CRC-32 (big-endian)
 *   of the text follow it: a link changed in transit is refused, never
 *   opened as a different document.
 * - base64url without padding: nothing in it needs escaping in a fragment.
 *
 * Pure: building a link and reading one back are here; the browser side
 * (streams, clipboard, the address bar) is src/state/share.ts.
 */
import { fromBase64url, toBase64url } from './base64url';
import { crc32 } from './crc32';
import { thousands } from '../text/thousands';

/** Compression, injected: deflate-raw both ways (CompressionStream in the browser, node:zlib in tests). */
export interface ShareCodec {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  /** Rejects on a damaged or cut-short stream, and once the output would pass `maxBytes`. */
  inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

/** The fragment's key: `#doc=…`. */
export const SHARE_KEY = 'doc';
export const SHARE_VERSION = 1;
const PREFIX = `v${SHARE_VERSION}.`;
const CRC_BYTES = 4;

/**
 * The longest link Strata offers, in characters of the whole URL.
 * Chromium accepts URLs up to 2 MB, but its address bar shows (and lets one
 * copy) a URL only up to 32 KiB (kMaxURLDisplayChars = 32 * 1024; a longer
 * one is shown as its origin alone), so a longer link cannot be passed on
 * from the address bar; flems.io users hit exactly that cut at ~32,779
 * characters. Chat tools cut lower or refuse (Slack messages stop at 40,000
 * characters, Teams near 28 KB). 32,000 stays under the address bar's
 * limit; a larger document is offered as a file instead.
 */
export const MAX_LINK_CHARS = 32_000;

/** The most a link may inflate to: the size of file Strata opens (a crafted link must not exhaust memory). */
export const MAX_SHARED_BYTES = 32 * 1024 * 1024;

export interface LinkSizes {
  /** Characters of the whole URL. */
  readonly length: number;
  /** UTF-8 bytes of the XML text. */
  readonly textBytes: number;
  /** Bytes after deflate (without the checksum). */
  readonly packedBytes: number;
}

export type ShareLink =
  | (LinkSizes & { readonly ok: true; readonly url: string })
  | (LinkSizes & {
      readonly ok: false;
      readonly limit: number;
      /** The most compressed bytes a link from this page can hold. */
      readonly maxPackedBytes: number;
      readonly reason: string;
    });

/** `base` without any fragment it has. */
export const withoutFragment = (base: string): string => {
  const at = base.indexOf('#');
  const page = at < 0 ? base : base.slice(0, at);
  // `?example=ID` only says which example a fresh tab opens; the link carries the document itself.
  return page.replace(/([?&])example=[^&]*(&|$)/, (_m, pre: string, post: string) => (post === '&' ? pre : '')).replace(/[?&]$/, '');
};

/** The fragment (with `#`) that holds `text`. */
export async function encodeShare(text: string, codec: ShareCodec): Promise<{ fragment: string; textBytes: number; packedBytes: number }> {
  const utf8 = new TextEncoder().encode(text);
  const packed = await codec.deflate(utf8);
  const framed = new Uint8Array(packed.length + CRC_BYTES);
  framed.set(packed);
  new DataView(framed.buffer, framed.byteOffset, framed.byteLength).setUint32(packed.length, crc32(utf8));
  return { fragment: `#${SHARE_KEY}=${PREFIX}${toBase64url(framed)}`, textBytes: utf8.length, packedBytes: packed.length };
}

/** The link to `text` from the page at `base`, or why it is not offered (too long for a link). */
export async function shareLink(base: string, text: string, codec: ShareCodec, limit: number = MAX_LINK_CHARS): Promise<ShareLink> {
  const { fragment, textBytes, packedBytes } = await encodeShare(text, codec);
  const url = withoutFragment(base) + fragment;
  const sizes = { length: url.length, textBytes, packedBytes };
  if (url.length <= limit) return { ok: true, url, ...sizes };
  const reason = `The link would be ${thousands(url.length)} characters long; links longer than ${thousands(limit)} are cut off by browsers' address bars and chat tools.`;
  const prefix = url.length - Math.ceil(((packedBytes + CRC_BYTES) * 4) / 3);
  const maxPackedBytes = Math.max(0, Math.floor(((limit - prefix) * 3) / 4) - CRC_BYTES);
  return { ok: false, limit, maxPackedBytes, reason, ...sizes };
}

export type FoundShare =
  /** The fragment holds no `doc=`: not a share link. */
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly reason: string }
  /** Framed as a link of this version: the deflated bytes and the text's checksum, not yet inflated. */
  | { readonly kind: 'framed'; readonly packed: Uint8Array; readonly crc: number };

/** The value of `doc=` in a fragment (`#a=1&doc=…`), or null. Other keys are left to others. */
function docValue(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part === SHARE_KEY || part.startsWith(`${SHARE_KEY}=`)) return part.slice(SHARE_KEY.length + 1);
  }
  return null;
}

/**
 * Reads the frame of a fragment, synchronously (the app decides before its
 * first render whether it opens a shared document): the version and the
 * base64url, not the compressed stream.
 */
export function findShare(hash: string): FoundShare {
  const raw = docValue(hash);
  if (raw === null) return { kind: 'none' };
  let value = raw;
  try {
    // Mail and chat tools sometimes percent-escape a link's characters or wrap it over lines.
    value = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: read as it is.
  }
  value = value.replace(/\s+/g, '');
  if (value === '') return { kind: 'error', reason: 'the link holds no document (nothing follows #doc=)' };
  const v = /^v(\d{1,6})\./.exec(value);
  if (!v) return { kind: 'error', reason: `the link's data does not start with a format version (a Strata link's starts with ${PREFIX})` };
  const version = Number(v[1]);
  if (version > SHARE_VERSION) return { kind: 'error', reason: `the link was made by a newer Strata (link format v${version}; this version reads v${SHARE_VERSION}): open it with a current Strata` };
  if (version !== SHARE_VERSION) return { kind: 'error', reason: `the link has format v${version}, which no Strata writes (this version reads v${SHARE_VERSION})` };
  const decoded = fromBase64url(value.slice(v[0].length));
  if (!decoded.ok) return { kind: 'error', reason: `the link is damaged: ${decoded.reason}` };
  const bytes = decoded.bytes;
  if (bytes.length <= CRC_BYTES) return { kind: 'error', reason: 'the link is damaged: its data is too short to hold a document (it looks cut short)' };
  const crc = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - CRC_BYTES);
  return { kind: 'framed', packed: bytes.subarray(0, bytes.length - CRC_BYTES), crc };
}

export type ReadShare = { readonly kind: 'none' } | { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'error'; readonly reason: string };

/** Inflates and checks a framed link: its text, or why it cannot be opened. */
export async function unpackShare(found: Extract<FoundShare, { kind: 'framed' }>, codec: ShareCodec, maxBytes: number = MAX_SHARED_BYTES): Promise<ReadShare> {
  let utf8: Uint8Array;
  try {
    utf8 = await codec.inflate(found.packed, maxBytes);
  } catch (e) {
    if (e instanceof ShareTooLarge) return { kind: 'error', reason: `the document in the link is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than Strata opens` };
    return { kind: 'error', reason: 'the link is damaged or cut short: its data does not decompress' };
  }
  if (utf8.length > maxBytes) return { kind: 'error', reason: `the document in the link is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than Strata opens` };
  if (crc32(utf8) !== found.crc) return { kind: 'error', reason: "the link is damaged: its data decompresses, but not to the document it was made from (the checksum differs)" };
  try {
    return { kind: 'ok', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(utf8) };
  } catch {
    return { kind: 'error', reason: 'the link is damaged: its data is not UTF-8 text' };
  }
}

/** A fragment read through: none, the text, or the reason it cannot be opened. */
export async function readShare(hash: string, codec: ShareCodec, maxBytes: number = MAX_SHARED_BYTES): Promise<ReadShare> {
  const found = findShare(hash);
  return found.kind === 'framed' ? unpackShare(found, codec, maxBytes) : found;
}

/** What a codec's inflate throws once the output passes its limit (so the reason says "too large", not "damaged"). */
export class ShareTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'ShareTooLarge';
  }
}
