/**
 * Model -> diagnostics: what libvirt or QEMU would refuse, silently change or
 * ignore in a document (domain.md §4, §5), each pointing at the element it is
 * about. Pure and total: it never throws and never changes the document.
 * The checks live in ./validate/; every walk over a chain is iterative.
 */
import type { Diagnostic } from './model/diagnostics';
import type { DomainDoc } from './model/types';
import type { XmlElement } from './xml/tree';
import { isElement } from './xml/tree';
import { scopesOf } from './validate/scope';
import { checkNodes } from './validate/nodes';
import { checkDisk } from './validate/disk';
import { checkPieces } from './validate/pieces';
import { checkDuplicates, checkIds, checkTargets } from './validate/domain';

export function validate(doc: DomainDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (doc.disks.length === 0) out.push(noDisk(doc));
  const scopes = scopesOf(doc);
  for (const scope of scopes) {
    checkNodes(scope, out);
    checkPieces(scope, out);
    checkDisk(scope, out);
  }
  checkDuplicates(scopes, out);
  checkTargets(scopes, out);
  checkIds(scopes, out);
  return sortDiagnostics(out);
}

function noDisk(doc: DomainDoc): Diagnostic {
  const root = doc.tree.find((n): n is XmlElement => isElement(n));
  const where = root?.name ? `<${root.name}>` : 'The document';
  return {
    severity: 'warning',
    code: 'no-disk',
    message: `${where} has no <disk> under <devices>, so there is nothing to edit; add a <disk> or open a domain that has one.`,
    line: root?.loc?.line ?? 1,
    col: root?.loc?.col ?? 1,
  };
}

/** By line, then column; stable, so diagnostics at one place keep the order they were found in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
    .map(({ d }) => d);
}
