/**
 * What an encoding name in an XML declaration means, as libxml2 resolves it
 * (its own UTF-8, UTF-16, ISO-8859-1 and ASCII; then iconv; then ICU, which
 * compares names loosely), mapped onto what TextDecoder can decode. Used by
 * decodeXml (to decode) and by the parser (an unknown name is an error, as
 * it is for libxml2, whatever form the text arrives in).
 */

export type Charset =
  | { readonly kind: 'utf8' }
  | { readonly kind: 'latin1' }
  | { readonly kind: 'ascii' }
  | { readonly kind: 'utf16'; readonly endian: 'le' | 'be' | null }
  /** `c1`: TextDecoder means windows-125n for this label; iconv reads 0x80..0x9F as the C1 controls. */
  | { readonly kind: 'decoder'; readonly decoder: TextDecoder; readonly c1: boolean };

/** Case, punctuation and leading zeros ignored, as ICU compares converter names ('utf--8', 'ISO_8859-01'). */
export function loose(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(^|[^0-9])0+(?=[0-9])/g, '$1');
}

const LATIN1 = new Set(['iso88591', 'latin1', 'l1', 'cp819', 'ibm819', 'isoir100', 'csisolatin1', 'iso885911987', 'isolatin1']);
const ASCII = new Set(['usascii', 'ascii', 'ansix341968', 'iso646us', 'cp367', 'ibm367', 'csascii', 'us']);
const C1_AS_WINDOWS = new Set(['iso88599', 'latin5', 'l5', 'iso885911']);
/** WHATWG encoding names by loose key, for labels TextDecoder does not know as written. */
const WHATWG = new Map(
  [
    'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15',
    'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256',
    'windows-1257', 'windows-1258', 'x-mac-cyrillic', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr',
  ].map((n) => [loose(n), n]),
);

/** The charset an encoding name stands for, or null when Strata (and so, as far as it can tell, libxml2) cannot read it. */
export function charsetOf(label: string): Charset | null {
  const key = loose(label);
  if (key === 'utf8') return { kind: 'utf8' };
  const wide = /^(utf16|ucs2|unicode|iso10646ucs2|csunicode)(le|be)?$/.exec(key);
  if (wide) return { kind: 'utf16', endian: (wide[2] as 'le' | 'be' | undefined) ?? null };
  if (LATIN1.has(key)) return { kind: 'latin1' };
  if (ASCII.has(key)) return { kind: 'ascii' };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    const known = WHATWG.get(key);
    if (known === undefined) return null;
    decoder = new TextDecoder(known, { fatal: true, ignoreBOM: true });
  }
  if (decoder.encoding === 'replacement' || decoder.encoding.startsWith('utf-16')) return null;
  return { kind: 'decoder', decoder, c1: C1_AS_WINDOWS.has(key) };
}
