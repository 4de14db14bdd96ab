/**
 * Checks on the pieces of a node that libvirt reads once or not at all
 * (domain.md §3, §4; checked on libvirt 9.0): a second `<driver>`,
 * `<source>` or `<backingStore>` it ignores, an end marker that swallows an
 * image, a `<format>` on the disk itself, a `<driver>` on a backing layer,
 * a format it does not know. Each diagnostic points at the element it is
 * about, not at the disk.
 */
import type { Diagnostic } from '../model/diagnostics';
import { isMark } from '../model/types';
import type { Visit } from '../model/walk';
import { IMAGE_FORMATS } from '../ops/nodes';
import type { XmlElement, XmlNode } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';
import type { DiskScope } from './scope';
import { label, nodeDiag, q } from './scope';
import { rules } from '../dialect/rules';

const FORMATS = new Set([...IMAGE_FORMATS, 'quorum']);

/** A short picture of an element for a message: `<driver name='qemu' cache='none'>`. */
function tag(e: XmlElement): string {
  const attrs = e.attrs.slice(0, 3).map(([k, v]) => ` ${k}='${v}'`).join('');
  return `<${e.name}${attrs}${e.attrs.length > 3 ? ' …' : ''}>`;
}

/** What an end marker holds that libvirt drops: its element children (whitespace and comments are nothing). */
function held(e: XmlElement): XmlElement[] {
  return e.children.filter(isElement);
}

/**
 * The pieces libvirt does not read are exactly what the reader kept raw: on
 * the top, `<driver>`, `<source>` and `<backingStore>` elements among the
 * disk's own children (the first of each became the top's); on a layer, the
 * same names among its extras.
 */
function ignoredSiblings(scope: DiskScope, v: Visit, els: readonly XmlNode[], out: Diagnostic[]): void {
  const isTop = v.parent === null;
  for (const e of els) {
    if (!isElement(e) || !['driver', 'format', 'source', 'backingStore'].includes(e.name) || (isTop && e.name === 'format')) continue;
    const what =
      e.name === 'backingStore'
        ? `libvirt reads only the first <backingStore> of ${label(scope, v)} (and nothing after an end marker), so this ${tag(e)} and what it holds are ignored`
        : `libvirt reads only the first <${e.name}> of ${label(scope, v)}, so this second ${tag(e)} is ignored`;
    out.push(nodeDiag(scope, v, 'warning', 'element-ignored', `${what}. Strata keeps it as written; remove it or merge it into the first.`, e.loc));
  }
}

function checkEndMarker(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const end = v.node.endEl;
  if (!end || v.node.backing.length > 0) return;
  const inside = held(end);
  if (inside.length === 0) return;
  const src = inside.find((e) => e.name === 'source');
  const path = src ? (getAttr(src, 'file') ?? getAttr(src, 'dev') ?? getAttr(src, 'name')) : null;
  out.push(
    nodeDiag(
      scope,
      v,
      'error',
      'backing-type-missing',
      `This <backingStore> has no type=, and libvirt reads any <backingStore> without type= as the end of the chain: the image it holds${path ? ` (${q(path)})` : ''} is silently dropped and ${label(scope, v)} has no backing file. Add type='file' (or the right type).`,
      end.loc,
    ),
  );
}

function checkFormat(scope: DiskScope, v: Visit, out: Diagnostic[]): void {
  const n = v.node;
  const isTop = v.parent === null;
  const f = n.formatEl;
  if (!isTop && f?.name === 'driver' && rules(scope.doc).layerFormat === 'format') {
    out.push(
      nodeDiag(
        scope,
        v,
        'error',
        'layer-driver',
        `Backing layer ${label(scope, v)} gives its format in <driver>; libvirt reads a layer's format from <format type='…'/> and refuses this one ("missing disk backing store format"). Write <format type='${n.format ?? 'qcow2'}'/> instead.`,
      ),
    );
  }
  if (n.format !== null && !FORMATS.has(n.format)) {
    out.push(nodeDiag(scope, v, 'error', 'format-unknown', `${label(scope, v)} has format ${q(n.format)}, which libvirt does not know; use one of ${IMAGE_FORMATS.join(', ')}.`));
  }
}

/** The `<format>` elements written directly in a `<disk>`: libvirt takes the disk's format from `<driver>` only. */
function checkTopFormat(scope: DiskScope, out: Diagnostic[]): void {
  const top = scope.visits[0]!;
  for (const c of scope.disk.children) {
    if (isMark(c) || !isElement(c) || c.name !== 'format') continue;
    const t = getAttr(c, 'type');
    out.push(
      nodeDiag(
        scope,
        top,
        'error',
        'top-format-element',
        `A <format> directly in the <disk> of ${scope.target} is not read: libvirt takes the disk's own format from <driver name='qemu' type='…'/>, so ${scope.target} opens as ${top.node.format ?? 'raw'}${t ? ` rather than ${t}` : ''}. Write <driver name='qemu' type='${t ?? 'qcow2'}'/> instead.`,
        c.loc,
      ),
    );
  }
}

export function checkPieces(scope: DiskScope, out: Diagnostic[]): void {
  checkTopFormat(scope, out);
  for (const v of scope.visits) {
    const els = v.parent === null ? scope.disk.children.filter((c): c is XmlNode => !isMark(c)) : v.node.extras;
    ignoredSiblings(scope, v, els, out);
    checkEndMarker(scope, v, out);
    checkFormat(scope, v, out);
  }
}
