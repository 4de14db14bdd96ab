/**
 * Queries (issue 4): an address or an XPath expression, answered with the
 * nodes it names and one line saying how it matched.
 *
 * Which one the input is (in this order):
 *  1. `TARGET` or `TARGET[N]` (a name, optionally one number in brackets) is
 *     an address (domain.md "Addresses"): N is the position in the proposal
 *     dialect and the index/id in the libvirt dialect. (`vda[3]` would also be
 *     valid XPath; the address wins.)
 *  2. An input equal to a node's source (`/var/lib/.../top.qcow2`,
 *     `nbd://host/name`, `pool/volume`) is that node's address, even though a
 *     path like `/path/to/a` is also valid XPath.
 *  3. Anything else is XPath 1.0, evaluated over the current XML text.
 *
 * XPath matches map to nodes by text offset, exactly as the XML pane maps
 * them (`nodeRanges`): a `<disk>` is its top node, a non-terminator
 * `<backingStore>` is its node, anything else (an element, an attribute, a
 * text) lights the innermost node element that encloses it.
 */
import type { DomainDoc } from './model/types';
import { derive } from './numbers/derive';
import { resolveAddress } from './numbers/address';
import { sourceText } from './numbers/names';
import { preorder } from './model/walk';
import type { NodeRange } from './textRanges';
import { nodeAtOffset, nodeRanges } from './textRanges';
import type { XpathMatch } from './queryXpath';
import { evaluateXpath } from './queryXpath';
// Offsets are those of the text as XML parsers see it (\r\n as \n).
import { normalizeNewlines } from './io/textDiff';
import { rules } from './dialect/rules';

export type QueryKind = 'address' | 'source' | 'xpath';

/**
 * `ok: true` with the matched node uids in document order. `uids` is empty
 * only when an XPath expression gives a number, string or boolean (the
 * explanation then says its value); "nothing matched" is `ok: false`.
 */
export type QueryResult =
  | { readonly ok: true; readonly kind: QueryKind; readonly uids: readonly string[]; readonly explanation: string }
  | { readonly ok: false; readonly message: string };

const ADDRESS = /^([A-Za-z][\w.-]*)(?:\[(\d+)\])?$/;

/** How `input` will be read (see the module comment). */
export function classifyQuery(doc: DomainDoc, input: string): QueryKind {
  const q = input.trim();
  if (ADDRESS.test(q)) return 'address';
  if (isSource(doc, q)) return 'source';
  return 'xpath';
}

function isSource(doc: DomainDoc, q: string): boolean {
  return doc.disks.some((d) => preorder(d.src).some((v) => sourceText(v.node) === q));
}

/** Runs an address or an XPath query against `doc` and its XML `text`. Never throws. */
export function runQuery(doc: DomainDoc, text: string, input: string): QueryResult {
  const q = input.trim();
  if (q === '') return { ok: false, message: 'Type an address (vda, vda[3]), a source path, or an XPath expression.' };
  try {
    const kind = classifyQuery(doc, q);
    return kind === 'xpath' ? runXpath(doc, text, q) : runAddress(doc, q, kind);
  } catch (e) {
    return { ok: false, message: `Query failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function runAddress(doc: DomainDoc, q: string, kind: 'address' | 'source'): QueryResult {
  const r = resolveAddress(doc, q);
  if (!r.ok) return { ok: false, message: kind === 'address' ? `${r.message} For XPath, start with / or //.` : r.message };
  const { node, position } = r.value;
  const view = derive(doc).byUid.get(node.uid);
  const idNote = node.id === null ? '' : `; node id [${node.id}]`;
  let explanation: string;
  if (kind === 'source') {
    explanation = `${q}: the node with this source (${view?.address ?? '?'}, position ${position}${idNote})`;
  } else {
    const n = ADDRESS.exec(q)![2];
    if (n === undefined) explanation = `${q}: the top of the disk (position 0${idNote})`;
    else if (rules(doc).address === 'position') explanation = `${q}: position ${n} in the proposal dialect (pre-order)${idNote}`;
    else explanation = `${q}: the node with index ${n} in the libvirt dialect (virsh numbering); it is at position ${position}`;
  }
  return { ok: true, kind, uids: [node.uid], explanation };
}

interface Mapped {
  readonly uids: string[];
  /** Labels of matches that lit an enclosing node rather than being a node element themselves. */
  readonly inner: Set<string>;
  /** Labels of matches outside every disk. */
  readonly outside: string[];
}

function mapMatches(ranges: readonly NodeRange[], matches: readonly XpathMatch[]): Mapped {
  const byStart = new Map(ranges.map((r, i) => [r.start, i] as const));
  const hit = new Set<number>();
  const inner = new Set<string>();
  const outside: string[] = [];
  for (const m of matches) {
    const direct = byStart.get(m.offset);
    if (direct !== undefined && m.label.startsWith('<')) {
      hit.add(direct);
      continue;
    }
    const r = nodeAtOffset(ranges, m.offset);
    if (r) {
      hit.add(ranges.indexOf(r));
      inner.add(m.label);
    } else outside.push(m.label);
  }
  const uids = [...hit].sort((a, b) => a - b).map((i) => ranges[i]!.uid);
  return { uids, inner, outside };
}

function runXpath(doc: DomainDoc, text: string, q: string): QueryResult {
  const norm = normalizeNewlines(text);
  const out = evaluateXpath(norm, q);
  if (!out.ok) return out;
  if (out.kind === 'value') {
    const shown = typeof out.value === 'string' ? JSON.stringify(out.value) : String(out.value);
    return { ok: true, kind: 'xpath', uids: [], explanation: `${q} = ${shown} (a ${typeof out.value}; no nodes to light)` };
  }
  const ranges = nodeRanges(doc, norm);
  const { uids, inner, outside } = mapMatches(ranges, out.matches);
  const index = /\bindex\b/.test(q) ? `; ${indexNote(doc, norm)}` : '';
  if (uids.length === 0) {
    if (outside.length > 0) {
      return { ok: false, message: `No node matches: ${plural(outside.length, 'match', 'matches')} (${unique(outside)}) outside every disk${index}` };
    }
    return { ok: false, message: `No node matches${index}${noMatchHint(doc, norm, ranges, q)}` };
  }
  let explanation = `${plural(uids.length, 'node matches', 'nodes match')}`;
  if (inner.size > 0) explanation += ` (${[...inner].join(', ')} lit as the enclosing node)`;
  if (outside.length > 0) explanation += `; ${outside.length} outside every disk (${unique(outside)}) not shown`;
  return { ok: true, kind: 'xpath', uids, explanation: explanation + index };
}

/** What `index` means in this document (domain.md §3). */
function indexNote(doc: DomainDoc, text: string): string {
  if (rules(doc).storeIndex === 'position') return 'in this document `index` on <backingStore> is the position (proposal dialect)';
  const written = /<(backingStore|source)\b[^>]*\sindex\s*=/.test(text);
  return written
    ? 'in this document `index` (on <backingStore> and the top <source>) is the node id (libvirt)'
    : 'in the libvirt dialect `index` is the node id, but this offline document writes none (libvirt prints it only for a running guest)';
}

/** Why nothing matched, when we can tell: a path that is no source, or a `/backingStore` step that is one level only. */
function noMatchHint(doc: DomainDoc, text: string, ranges: readonly NodeRange[], q: string): string {
  if (/^\/[^/[\]@()*=:|]*(\/[^/[\]@()*=:|]+)*$/.test(q)) return `: '${q}' is not the source of any node, and as XPath it selects nothing`;
  const deeper = q.replace(/(^|[^/])\/backingStore\b/g, '$1//backingStore');
  if (deeper !== q) {
    const alt = evaluateXpath(text, deeper);
    if (alt.ok && alt.kind === 'nodes') {
      const n = mapMatches(ranges, alt.matches).uids.length;
      if (n > 0) return `. Note: /backingStore steps one level only; ${deeper} (any depth) matches ${plural(n, 'node', 'nodes')}`;
    }
  }
  const targets = doc.disks.length > 0 ? derive(doc).disks.map((d) => d.target).join(', ') : 'none';
  return ` (disks: ${targets})`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function unique(labels: readonly string[]): string {
  return [...new Set(labels)].join(', ');
}
