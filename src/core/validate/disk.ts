/**
 * Checks on a disk as a whole: how deep its chain is and its `<alias>`
 * (domain.md §4, §5). That node names such as `ide0-0-0[4]` are addresses for
 * people, not QEMU node-names, is taught in the inspector and the glossary.
 */
import type { Diagnostic } from '../model/diagnostics';
import { isMark } from '../model/types';
import type { XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';
import type { DiskScope } from './scope';
import { diskDiag, label, nodeDiag, q } from './scope';
import { probesHeader } from '../numbers/derive';
import { rules } from '../dialect/rules';

/** Levels (images from the top to the deepest base) above which a chain is worth flattening. */
export const MAX_CHAIN_LEVELS = 50;
const USER_ALIAS = /^ua-[A-Za-z0-9_-]*$/;

export function checkDisk(scope: DiskScope, out: Diagnostic[]): void {
  checkDepth(scope, out);
  checkAlias(scope, out);
  checkProbed(scope, out);
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

/**
 * A chain that ends open (no `<backingStore>`): libvirt reads the image
 * header at start and numbers the layers it finds after every layer the
 * document writes, in every disk (checked on libvirt 9.0: explicit layers
 * 1..5, then the probed ones 6, 7). The ids shown are right; the counter is
 * only a lower bound until the live XML is read.
 */
function checkProbed(scope: DiskScope, out: Diagnostic[]): void {
  if (!rules(scope.doc).probesOpenEnds) return;
  const open = scope.visits.find((v) => probesHeader(v.node));
  if (!open) return;
  const next = scope.doc.counter;
  const when =
    scope.doc.state === 'offline'
      ? 'When the guest starts, libvirt reads its image header and gives the layers it finds the next ids'
      : 'When the guest started, libvirt read its image header and gave the layers it found the next ids';
  out.push(
    nodeDiag(
      scope,
      open,
      'info',
      'ids-provisional',
      `The chain of ${scope.target} ends open below ${label(scope, open)}: no <backingStore/> says it has no backing file. ${when}, after every layer written here; so the next id is ${next} or more (provisional) until you read the live XML (virsh dumpxml). Add <backingStore/> if it has no backing file.`,
    ),
  );
}
