/**
 * The small markup lesson texts use, parsed to segments a view renders:
 * `code`, **bold**, and [[term]] or [[shown text|term]] for a glossary link.
 * No HTML ever: the view builds elements from segments.
 */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'bold'; readonly text: string }
  | { readonly kind: 'term'; readonly text: string; readonly term: string };

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g;

export function parseRich(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'bold', text: m[2] });
    else out.push({ kind: 'term', text: m[3]!, term: m[4] ?? m[3]! });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

/** Every glossary term a text links to. */
export function termsIn(text: string): string[] {
  return parseRich(text).flatMap((s) => (s.kind === 'term' ? [s.term] : []));
}
