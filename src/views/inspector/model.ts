/**
 * What the inspector's form needs besides React: reading attributes off a
 * node and the one edit entry point (a set-fields operation through the
 * store's gateway). The choice lists are the core's (operations/fieldChoices).
 */
import type { NodeView } from '../../core/numbers/derive';
import type { FieldPatch } from '../../core/ops';
import type { XmlElement } from '../../core/xml/tree';
import { getAttr, isElement } from '../../core/xml/tree';
import { perform } from '../../state/store';

export { DRIVER_CHOICES, END_LABELS, FORMATS, PROTOCOLS, TYPES } from '../../core/operations/fieldChoices';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The listed values, plus the current one when the list lacks it, so the select never lies about the model. */
export function choices(list: readonly string[], current: string | null, emptyLabel?: string): Choice[] {
  const out: Choice[] = list.map((v) => ({ value: v, label: v }));
  if (emptyLabel !== undefined) out.unshift({ value: '', label: emptyLabel });
  else if (current === null) out.unshift({ value: '', label: '(none)' });
  if (current !== null && current !== '' && !list.includes(current)) out.push({ value: current, label: `${current} (not in the list)` });
  return out;
}

export function sourceAttr(v: NodeView, name: string): string | null {
  return getAttr(v.node.source, name);
}

export function driverAttr(v: NodeView, name: string): string | null {
  return getAttr(v.node.formatEl, name);
}

export function sourceChild(v: NodeView, name: string): XmlElement | null {
  return v.node.source?.children.find((c): c is XmlElement => isElement(c) && c.name === name) ?? null;
}

/** Applies a field patch through the gateway (one undo step). Returns the refusal reason, or null. */
export function editFields(uid: string, patch: FieldPatch): string | null {
  return perform({ kind: 'set-fields', uid, patch });
}

/** Empty input means "remove the attribute". */
export function attrValue(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** What a node is, in a few words: "Quorum", "Active layer · disk top", "Backing image". */
export function kindOf(v: NodeView): string {
  const what = v.isQuorum ? 'Quorum' : v.isActive ? 'Active layer' : 'Backing image';
  if (v.parentUid === null) return `${what} · disk top`;
  return v.isQuorum || v.isActive ? `${what} · quorum member` : what;
}
