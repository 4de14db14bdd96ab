/**
 * One disk, layer by layer: the XML's chain against the tools' (aligned by
 * align.ts), each disagreement a finding on the document node it concerns.
 * A missing layer is placed on the XML layer it belongs below; an extra or
 * differing layer on itself.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { diskTarget, sourceText } from '../model/names';
import { preorder } from '../model/walk';
import { label } from '../ops/locate';
import type { Step } from './align';
import { align } from './align';
import { chainOf, keyOf } from './chain';
import { insertLayer, removeLayer, setFormat, setIndex, setPath } from './fixes';
import { rebaseLine } from './host';
import type { CheckFinding } from './types';
import type { Places } from './where';

export interface DiskCtx {
  readonly doc: DomainDoc;
  readonly disk: number;
  /** The tools' account of the same disk (a disk of the imported document). */
  readonly tools: DomainDoc;
  readonly toolDisk: number;
  readonly places: Places;
  /** The chain came from image headers (qemu-img info): a header can be rewritten on the host. */
  readonly headers: boolean;
  /** The tools give live ids (QMP node names, domstats backingIndex), and the document is a running one. */
  readonly live: boolean;
  /** Uids (in `tools`) of images whose header names a backing file without its format. */
  readonly noBackingFormat: ReadonlySet<string>;
}

type Finding = Omit<CheckFinding, 'line' | 'col' | 'disk' | 'node'>;

export function compareDisk(ctx: DiskCtx): CheckFinding[] {
  const { doc, disk } = ctx;
  const xml = chainOf(doc.disks[disk]!.src);
  const seen = chainOf(ctx.tools.disks[ctx.toolDisk]!.src);
  const positions = new Map(preorder(doc.disks[disk]!.src).map((v) => [v.node, v.position]));
  const out: CheckFinding[] = [];
  const at = (node: SrcNode, f: Finding): void => {
    const place = ctx.places.node(disk, positions.get(node) ?? 0);
    out.push({ ...f, line: place.line, col: place.col, disk, node: node.uid });
  };
  const steps = align(xml.nodes.map(keyOf), seen.nodes.map(keyOf), seen.end);
  for (const s of steps) {
    if (s.kind === 'pair') pair(ctx, xml.nodes[s.x]!, seen.nodes[s.t]!, s.x === 0 ? null : seen.nodes[s.t - 1]!, at);
    else if (s.kind === 'missing') missing(ctx, s, xml.nodes[s.above]!, seen.nodes[s.t]!, seen.nodes[s.t - 1]!, xml.end, at);
    else extra(ctx, s, xml.nodes[s.x]!, xml.nodes[s.x - 1]!, at);
  }
  return out;
}

type At = (node: SrcNode, f: Finding) => void;

/** The same layer on both sides: its path, format and id must agree. `user`: the tools' layer above it (null for the top). */
function pair(ctx: DiskCtx, x: SrcNode, t: SrcNode, user: SrcNode | null, at: At): void {
  const { doc, disk } = ctx;
  const name = label(doc, ctx.disk, x);
  const xPath = sourceText(x);
  const tPath = sourceText(t);
  const userPath = user ? sourceText(user) : null;
  if (tPath !== null && xPath !== tPath) {
    at(x, {
      severity: 'error',
      code: 'check-path',
      message: `${name}: the XML names ${xPath ?? 'no path'}, but the tools see ${tPath} ${user ? `as the backing file of ${userPath}` : 'as the disk’s top'}. If the XML is right, the host line points ${userPath ?? 'the header'} at it.`,
      fix: setPath(doc, x, t),
      host: ctx.headers && userPath !== null && xPath !== null && x.format ? rebaseLine(userPath, xPath, x.format) : null,
    });
  }
  if (t.format !== null && x.format !== t.format) {
    const top = user === null;
    const says = x.format ?? (top ? 'none (so libvirt opens it as raw)' : 'none');
    const why = ctx.headers && user ? `as ${userPath}'s header records it, or qemu-img probed it` : 'as QEMU opened it';
    at(x, {
      severity: 'error',
      code: 'check-format',
      message: `${name}: the XML says format ${says}, the tools say ${t.format} (${why}).${ctx.headers && user && x.format ? ' If the XML is right, the host line records it in the header.' : ''}`,
      fix: setFormat(doc, x, t.format),
      host: ctx.headers && userPath !== null && tPath !== null && x.format ? rebaseLine(userPath, tPath, x.format) : null,
    });
  }
  if (ctx.live && x.id !== null && t.id !== null && x.id !== t.id) {
    at(x, {
      severity: 'error',
      code: 'check-index',
      message: `${name}: the XML gives index ${x.id}, but the running guest has this image as node ${t.id} (libvirt-${t.id}-format), so the address ${diskTarget(doc.disks[disk]!, disk)}[${x.id}] names another node, or none.`,
      fix: setIndex(doc, disk, x, t.id),
      host: null,
    });
  }
}

function missing(ctx: DiskCtx, s: Extract<Step, { kind: 'missing' }>, above: SrcNode, t: SrcNode, user: SrcNode, xmlEnd: 'open' | 'terminated', at: At): void {
  const { doc } = ctx;
  const path = sourceText(t) ?? 'a layer';
  const what = `${path}${t.format ? ` (${t.format})` : ''}`;
  const userPath = sourceText(user) ?? 'the layer above';
  const probes = s.tail && xmlEnd === 'open';
  const noFormat = ctx.headers && ctx.noBackingFormat.has(user.uid);
  const tail = probes
    ? noFormat
      ? ` The XML leaves the chain open, so libvirt probes it from the header, which names the file but not its format: libvirt refuses to guess it. Record the format on the host (host line), or add the layer to the XML.`
      : ' The XML leaves the chain open there, so libvirt will probe it from the header and find it; adding it makes that explicit.'
    : s.tail
      ? ' The XML ends the chain there (<backingStore/>), so libvirt and QEMU would not open it: the guest sees different data.'
      : '';
  const first = s.first ? '' : ` It belongs below ${userPath}, itself missing: add that first, then check again.`;
  at(above, {
    severity: probes ? (noFormat ? 'warning' : 'info') : 'error',
    code: 'check-layer-missing',
    message: `${label(doc, ctx.disk, above)}: the tools see ${what} as the backing file of ${userPath}, and the XML lacks it.${tail}${first}`,
    fix: s.first ? insertLayer(doc, above, t) : null,
    host: noFormat && s.first && t.format && sourceText(t) !== null && sourceText(user) !== null ? rebaseLine(sourceText(user)!, sourceText(t)!, t.format) : null,
  });
}

function extra(ctx: DiskCtx, s: Extract<Step, { kind: 'extra' }>, x: SrcNode, above: SrcNode, at: At): void {
  const { doc } = ctx;
  const abovePath = sourceText(above) ?? 'the layer above';
  const seenAs = s.tail
    ? ctx.headers
      ? `the header of ${abovePath} names no backing file`
      : `QEMU opened nothing below ${abovePath}`
    : `the tools see ${abovePath} backed by another image`;
  const xPath = sourceText(x);
  const hostable = ctx.headers && s.first && xPath !== null && x.format !== null && sourceText(above) !== null;
  at(x, {
    severity: 'error',
    code: 'check-layer-extra',
    message: `${label(doc, ctx.disk, x)} is in the XML below ${abovePath}, but ${seenAs}.${hostable ? ` If the XML is right (the header lost it), the host line writes it back.` : ''}`,
    fix: removeLayer(doc, x, s.tail),
    host: hostable ? rebaseLine(sourceText(above)!, xPath, x.format!) : null,
  });
}
