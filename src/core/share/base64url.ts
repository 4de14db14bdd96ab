/**
 * base64url (RFC 4648 §5) without padding: the alphabet a URL fragment
 * carries unescaped, and that chat tools' link detectors do not stop at
 * (no `+`, `/` or `=`). Pure TypeScript: core has no `btoa`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map<string, number>(Array.from(ALPHABET, (c, i) => [c, i]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

export type Base64Result = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/**
 * The bytes, or why the text is no base64url this encoder could have
 * written: a character outside the alphabet (with its place), or a length
 * no byte count gives (one character left over: the text was cut).
 */
export function fromBase64url(text: string): Base64Result {
  if (text.length % 4 === 1) return { ok: false, reason: 'its data has a length no link of Strata has (it looks cut short)' };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE.get(text[i]!);
    if (v === undefined) {
      const shown = JSON.stringify(String.fromCodePoint(text.codePointAt(i)!));
      return { ok: false, reason: `its data contains ${shown} at character ${i + 1}, which a Strata link never does` };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out.subarray(0, o) };
}
