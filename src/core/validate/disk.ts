/**
 * Checks on a disk as a whole: how deep its chain is, its `<alias>`, and the
 * node names the proposal dialect shows (domain.md §2, §4, §5).
 */
import type { Diagnostic } from '../diagnostics';
import { isMark } from '../model/types';
import type { XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';
import { nodeName } from '../numbers/names';
import type { DiskScope } from './scope';
import { diskDiag, nodeDiag, q } from './scope';

/** Levels (images from the top to the deepest base) above which a chain is worth flattening. */
export const MAX_CHAIN_LEVELS = 50;
const USER_ALIAS = /^ua-[A-Za-z0-9_-]*$/;
const QEMU_NODE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const QEMU_NODE_NAME_MAX_BYTES = 31;

export function checkDisk(scope: DiskScope, out: Diagnostic[]): void {
  checkDepth(scope, out);
  checkAlias(scope, out);
  checkNodeName(scope, out);
}

function checkDepth(scope: DiskScope, out: Diagnostic[]): void {
  let deepest = 0;
  for (const v of scope.visits) if (v.depth > deepest) deepest = v.depth;
  const levels = deepest + 1;
  if (levels <= MAX_CHAIN_LEVELS) return;
  out.push(
    nodeDiag(
      scope,
      scope.visits[0]!,
      'warning',
      'chain-deep',
      `The chain of ${scope.target} is ${levels} levels deep (more than ${MAX_CHAIN_LEVELS}): every read that misses the upper layers walks down the chain, and QEMU keeps every layer open. Flatten it with blockcommit or blockpull.`,
    ),
  );
}

function aliasElement(scope: DiskScope): XmlElement | null {
  for (const c of scope.disk.children) if (!isMark(c) && isElement(c) && c.name === 'alias') return c;
  return null;
}

function checkAlias(scope: DiskScope, out: Diagnostic[]): void {
  // A running guest's aliases were assigned by libvirt and are exactly what it prints; only a
  // definition (offline) can carry an alias libvirt will throw away.
  if (scope.doc.state === 'running') return;
  const alias = aliasElement(scope);
  const name = getAttr(alias, 'name');
  if (alias === null || name === null || USER_ALIAS.test(name)) return;
  const why = name.startsWith('ua-') ? 'uses characters other than letters, digits, _ and - after the prefix' : "does not start with 'ua-'";
  out.push(
    diskDiag(
      scope,
      'warning',
      'alias-ignored',
      `The alias ${q(name)} of ${scope.target} ${why}: such aliases are output-only and libvirt drops it on define. Use a user alias like 'ua-${name.replace(/^ua-/, '').replace(/[^A-Za-z0-9_-]/g, '-')}', or remove it.`,
      alias.loc,
    ),
  );
}

function legalNodeName(name: string): boolean {
  // The pattern is ASCII-only, so a match's length is its byte length.
  return QEMU_NODE_NAME.test(name) && name.length <= QEMU_NODE_NAME_MAX_BYTES;
}

function checkNodeName(scope: DiskScope, out: Diagnostic[]): void {
  if (scope.doc.dialect !== 'proposal') return;
  let shown: string | null = null;
  for (const v of scope.visits) {
    const name = nodeName(scope.doc, scope.index, v.node);
    if (name !== null && !legalNodeName(name)) {
      shown = name;
      break;
    }
  }
  if (shown === null) return;
  out.push(
    diskDiag(
      scope,
      'info',
      'node-name-illegal',
      `Node names of ${scope.target} such as ${shown} are addresses for people and virsh, not legal QEMU node-names (^[A-Za-z][A-Za-z0-9_.-]*$, at most ${QEMU_NODE_NAME_MAX_BYTES} bytes); QEMU gets libvirt-N-format / libvirt-N-storage names instead.`,
    ),
  );
}
