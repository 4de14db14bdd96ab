/**
 * The XML side of each fix, as a registry request: the same requests the
 * graph and `strata op` make, so a fix is one undo step through the normal
 * gateway. Where no graph edit can say it (an index, a whole disk), the fix
 * is new text for the document (replace-text), which the registry
 * reconciles with the document, keeping editor identities.
 */
import { available } from '../operations/registry';
import { toText } from '../io/document';
import { sourcePathAttr, sourceText } from '../model/names';
import type { DomainDoc, SrcNode } from '../model/types';
import { replaceIn } from '../ops/locate';
import type { OpRequest } from '../ops/request';
import type { CheckFix } from './types';

/** The fix, marked with the registry's refusal when it cannot be applied yet. */
export function fix(doc: DomainDoc, request: OpRequest, label: string): CheckFix {
  const why = available(doc, request);
  return why === true ? { request, label } : { request, label, blocked: why };
}

/** The path the tools saw; a source of another kind (block for file) changes type too. */
export function setPath(doc: DomainDoc, node: SrcNode, seen: SrcNode): CheckFix | null {
  const path = sourceText(seen);
  if (path === null) return null;
  const type = seen.type ?? node.type;
  const attr = sourcePathAttr(type);
  const old = sourcePathAttr(node.type);
  const sourceAttrs: Record<string, string | null> = { [attr]: path };
  if (old !== attr) sourceAttrs[old] = null;
  const patch = type !== node.type && type !== null ? { type, sourceAttrs } : { sourceAttrs };
  return fix(doc, { kind: 'set-fields', uid: node.uid, patch }, `set-fields: ${attr}='${path}'${patch.type ? `, type ${type}` : ''}`);
}

export function setFormat(doc: DomainDoc, node: SrcNode, format: string): CheckFix {
  return fix(doc, { kind: 'set-fields', uid: node.uid, patch: { format } }, `set-fields: format ${format}`);
}

/** The tools' layer, inserted below `above` (it takes over what `above` backed onto, and how its chain ended). */
export function insertLayer(doc: DomainDoc, above: SrcNode, seen: SrcNode): CheckFix | null {
  const path = sourceText(seen);
  const type = seen.type ?? 'file';
  if (path === null || !['file', 'block', 'dir'].includes(type)) return null;
  // No format from the tools (domstats): the registry's default (qcow2 between two layers, raw at the end), said in the label.
  const init = { type, file: path, ...(seen.format ? { format: seen.format } : {}) };
  return fix(doc, { kind: 'insert-below', uid: above.uid, init }, `insert-below: ${path}${seen.format ? ` (${seen.format})` : ' (format: the default; the tools did not say)'}`);
}

/** One layer out (`tail`: it and everything below, the chain then ending where the tools say it does). */
export function removeLayer(doc: DomainDoc, node: SrcNode, tail: boolean): CheckFix {
  const request: OpRequest = tail ? { kind: 'remove', uid: node.uid, subtree: true, end: 'terminated' } : { kind: 'remove', uid: node.uid };
  return fix(doc, request, tail ? `remove: ${sourceText(node) ?? 'the layer'} and everything below it; the chain ends above it (<backingStore/>)` : `remove: ${sourceText(node) ?? 'the layer'}`);
}

/** The live id, written into the text: ids are not a field the graph edits (the operations manage them). */
export function setIndex(doc: DomainDoc, disk: number, node: SrcNode, id: number): CheckFix {
  const text = toText(replaceIn(doc, disk, node, { ...node, id }));
  return fix(doc, { kind: 'replace-text', text, label: `Take index ${id} from the host` }, `replace-text: index ${id} (the live node name)`);
}
