/**
 * Which dialect a document is written in (domain.md §3), and the sign that
 * decided it, with its place, so the editor can say why. The rules, in
 * order; the first that applies wins:
 * 1. proposal signs: a quorum, a `node=` attribute, `path=` where libvirt
 *    expects `file=`, or sibling `<backingStore>` elements;
 * 2. libvirt signs: `index` on the top `<source>`, a `<format>` on a backing
 *    layer, a `<mirror>`, or a `<backingStore index>` that is not the layer's
 *    position (live libvirt XML with one `<driver>` layer stays libvirt);
 * 3. `<driver>` layers whose `index` values all equal their positions (what
 *    the proposal writer emits): proposal;
 * 4. otherwise libvirt (the design mail's own 3-file chain lands here).
 * Iterative: chains are thousands of levels deep.
 */
import type { Dialect } from '../model/types';
import type { Loc, XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';

export interface DialectSign {
  readonly dialect: Dialect;
  /** What decided, in words a user reads: "a quorum", "index on the top <source>", … */
  readonly sign: string;
  /** Where it is; null for the default (no sign at all). */
  readonly loc: Loc | null;
}

/** A `<backingStore>` without `type=` ends the chain, whatever it holds (libvirt reads it so). */
export function isEndMarker(e: XmlElement): boolean {
  return e.name === 'backingStore' && getAttr(e, 'type') === null;
}

interface Found {
  proposal: DialectSign | null;
  libvirt: DialectSign | null;
  /** The first `<driver>` on a backing layer. */
  driverLayer: XmlElement | null;
  /** Every typed backing store has an index equal to its position. */
  indexesArePositions: boolean;
}

function sign(dialect: Dialect, text: string, e: XmlElement): DialectSign {
  return { dialect, sign: text, loc: e.loc ?? null };
}

function scanElement(e: XmlElement, isTop: boolean, position: number, f: Found): void {
  if (!f.proposal && (getAttr(e, 'type') === 'quorum')) f.proposal = sign('proposal', 'a quorum', e);
  if (!f.proposal && getAttr(e, 'node') !== null) f.proposal = sign('proposal', `node='${getAttr(e, 'node')}'`, e);
  if (!isTop) {
    const index = getAttr(e, 'index');
    if (index === null || index.trim() !== String(position)) f.indexesArePositions = false;
    if (!f.libvirt && index !== null && index.trim() !== String(position)) {
      f.libvirt = sign('libvirt', `<backingStore index='${index}'> is not the layer's position (${position}), so it is libvirt's index`, e);
    }
  }
  let stores = 0;
  for (const c of e.children) {
    if (!isElement(c)) continue;
    if (c.name === 'backingStore' && !isEndMarker(c)) {
      stores++;
      if (stores === 2 && !f.proposal) f.proposal = sign('proposal', 'sibling <backingStore> elements', c);
    } else if (c.name === 'driver' || c.name === 'format') {
      if (!f.proposal && getAttr(c, 'node') !== null) f.proposal = sign('proposal', `node='${getAttr(c, 'node')}'`, c);
      if (!f.proposal && getAttr(c, 'type') === 'quorum') f.proposal = sign('proposal', 'a quorum', c);
      if (!isTop && c.name === 'format' && !f.libvirt) f.libvirt = sign('libvirt', '<format> on a backing layer', c);
      if (!isTop && c.name === 'driver' && !f.driverLayer) f.driverLayer = c;
    } else if (c.name === 'source') {
      const t = getAttr(e, 'type');
      if (!f.proposal && (t === 'file' || t === null) && getAttr(c, 'path') !== null && getAttr(c, 'file') === null) f.proposal = sign('proposal', "path= on a file source (libvirt writes file=)", c);
      if (isTop && !f.libvirt && getAttr(c, 'index') !== null) f.libvirt = sign('libvirt', 'index on the top <source>', c);
    } else if (c.name === 'mirror' && isTop && !f.libvirt) f.libvirt = sign('libvirt', 'a <mirror> (a running block job)', c);
  }
}

export function detectDialectSign(disks: readonly XmlElement[]): DialectSign {
  const f: Found = { proposal: null, libvirt: null, driverLayer: null, indexesArePositions: true };
  for (const disk of disks) {
    // Pre-order over the typed backing stores gives each its position (domain.md §2).
    const stack: { e: XmlElement; isTop: boolean }[] = [{ e: disk, isTop: true }];
    let position = 0;
    while (stack.length > 0) {
      const { e, isTop } = stack.pop()!;
      scanElement(e, isTop, position++, f);
      const kids = e.children.filter((c): c is XmlElement => isElement(c) && c.name === 'backingStore' && !isEndMarker(c));
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ e: kids[i]!, isTop: false });
    }
    if (f.proposal) return f.proposal;
  }
  if (f.libvirt) return f.libvirt;
  if (f.driverLayer && f.indexesArePositions) return sign('proposal', "<driver> on backing layers with index = position (what the proposal dialect writes)", f.driverLayer);
  return { dialect: 'libvirt', sign: 'no sign of the proposal dialect (libvirt is the default)', loc: null };
}
