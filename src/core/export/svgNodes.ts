/**
 * The boxes of an exported graph, laid out as the canvas lays them out
 * (src/views/graph/nodes.tsx and graph.css): the headline (`vda[4]`) big and
 * the other number (`#0`) beside it, the active or quorum badge, type and
 * format chip, the source path shortened in the middle, the chain-end mark
 * below; a quorum says "2 of 3 must agree" over its members; a job's mirror
 * layers are dashed. Every label is its own <text>.
 */
import type { Box, SceneFrame, SceneMirror, SceneNode } from './graphScene';
import { END_MARK_DEPTH } from './graphScene';
import type { SvgPalette } from './svgPalette';
import { middleEllipsis } from './middleEllipsis';
import { esc, monoFit, monoWidth, num, sansWidth } from './svgText';

const PAD = 10;
/** Baselines inside a 92 px box: head, second line, third line. */
const ROW = [24, 46, 68] as const;

const text = (cls: string, x: number, y: number, s: string, extra = ''): string => `<text class="${cls}" x="${num(x)}" y="${num(y)}"${extra}>${esc(s)}</text>`;

const rect = (b: Box, rx: number, fill: string, stroke: string, width: number, extra = ''): string =>
  `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" rx="${rx}" fill="${esc(fill)}" stroke="${esc(stroke)}" stroke-width="${width}"${extra}/>`;

const inset = (b: Box, d: number): Box => ({ x: b.x + d, y: b.y + d, w: b.w - 2 * d, h: b.h - 2 * d });

/** `vda[4]` and `#0` (libvirt) or `vda[2]` and the node name (proposal); the aside gives way (middle cut) to a badge on the right. */
function numbers(b: Box, headline: string, aside: string, x: number, badgeText: string | null): string {
  const asideX = x + monoWidth(headline, 15) + 6;
  const room = b.x + b.w - PAD - (badgeText === null ? 0 : badgeWidth(badgeText) + 6) - asideX;
  const shown = monoWidth(aside, 14) <= room ? aside : middleEllipsis(aside, monoFit(room, 14));
  return text('pos', x, b.y + ROW[0], headline) + text('aside', asideX, b.y + ROW[0], shown);
}

/** The type in muted text and the format as a chip, as `.sn-kind` shows them. */
function kind(b: Box, type: string | null, format: string | null, p: SvgPalette, x: number = b.x + PAD): string {
  const t = type ?? 'no type';
  const f = format ?? 'no format';
  const chipX = x + sansWidth(t, 12.5) + 6;
  const chipW = monoWidth(f, 10.5) + 10;
  const chip = { x: chipX, y: b.y + ROW[1] - 11.5, w: chipW, h: 15 };
  const [fill, stroke, dash] = format === 'qcow2' ? [p.accentSoft, p.accent, ''] : format === null ? [p.panel2, p.danger, ' stroke-dasharray="3 2"'] : [p.panel2, p.border, ''];
  return text('type', x, b.y + ROW[1], t) + rect(chip, 4, fill, stroke, 1, dash) + text(format === null ? 'chip chip-none' : 'chip', chipX + 5, b.y + ROW[1] - 0.5, f);
}

function source(b: Box, s: string | null, x: number = b.x + PAD): string {
  return text('src', x, b.y + ROW[2], s === null ? '—' : middleEllipsis(s, monoFit(b.w - 2 * PAD, 12.5)));
}

const badge = (cls: string, b: Box, s: string): string => text(cls, b.x + b.w - PAD, b.y + ROW[0] - 2, s.toUpperCase(), ' text-anchor="end"');
/** Uppercase 10 px bold with .04em spacing: wider than lowercase sans. */
const badgeWidth = (s: string): number => Array.from(s).length * 10 * 0.74;

/** `<backingStore/>`: a ground symbol; no `<backingStore>`: a dashed "?" (libvirt probes the header). */
function chainEnd(b: Box, end: 'terminated' | 'open' | null, p: SvgPalette): string {
  if (end === null) return '';
  const cx = b.x + b.w / 2;
  const low = b.y + b.h + END_MARK_DEPTH;
  if (end === 'terminated') {
    return `<g class="end end-terminated"><title>terminated: no backing file</title>` +
      `<rect x="${num(cx - 14)}" y="${num(low - 12.5)}" width="28" height="3" fill="${esc(p.text)}"/>` +
      `<rect x="${num(cx - 14)}" y="${num(low - 1.5)}" width="28" height="1.5" fill="${esc(p.text)}"/></g>`;
  }
  return `<g class="end end-open"><title>open: libvirt and QEMU probe the image header</title>` +
    `<rect x="${num(cx - 10.5)}" y="${num(low - 17)}" width="21" height="17" rx="8.5" fill="none" stroke="${esc(p.muted)}" stroke-width="1.5" stroke-dasharray="3 2"/>` +
    text('probe', cx, low - 4.5, '?', ' text-anchor="middle"') + '</g>';
}

function severityStroke(n: SceneNode, p: SvgPalette, normal: string): string {
  return n.severity === 'error' ? p.danger : n.severity === 'warning' ? p.warn : normal;
}

function imageNode(n: SceneNode, p: SvgPalette): string {
  const { box: b, view: v } = n;
  let out = rect(inset(b, 0.75), 10, p.nodeImage, severityStroke(n, p, p.border), n.severity === 'error' ? 2 : 1.5);
  if (v.isActive) {
    // The active layer's thick left border (`.sn-active`), following the box's rounded corners.
    out += `<path d="M${num(b.x + 10)} ${num(b.y + 2.5)}A7.5 7.5 0 0 0 ${num(b.x + 2.5)} ${num(b.y + 10)}V${num(b.y + b.h - 10)}A7.5 7.5 0 0 0 ${num(b.x + 10)} ${num(b.y + b.h - 2.5)}" fill="none" stroke="${esc(p.active)}" stroke-width="5"/>`;
  }
  const x = b.x + PAD + (v.isActive ? 3 : 0);
  out += numbers(b, v.headline, v.aside, x, v.isActive ? 'active' : null);
  if (v.isActive) out += badge('badge badge-active', b, 'active');
  out += kind(b, v.type, v.format, p, x) + source(b, v.source, x);
  return out + chainEnd(b, v.end, p);
}

function quorumNode(n: SceneNode, p: SvgPalette): string {
  const { box: b, view: v } = n;
  const stroke = severityStroke(n, p, p.quorum);
  // `border: 4px double`: two thin lines.
  let out = rect(inset(b, 0.7), 10, p.nodeQuorum, stroke, 1.4) + rect(inset(b, 3.3), 7.5, 'none', stroke, 1.4);
  out += numbers(b, v.headline, v.aside, b.x + PAD, 'quorum') + badge('badge badge-quorum', b, 'quorum');
  const t = v.threshold ?? '?';
  out += `<text class="vote" x="${num(b.x + PAD)}" y="${num(b.y + ROW[1] + 4)}"><tspan class="vote-n">${esc(`${t} of ${v.members}`)}</tspan> must agree</text>`;
  const names = n.memberNames.join(' · ') || 'no members';
  return out + text('members', b.x + PAD, b.y + ROW[2] + 4, middleEllipsis(names, monoFit(b.w - 2 * PAD, 12)));
}

export function drawNode(n: SceneNode, p: SvgPalette): string {
  const v = n.view;
  const body = v.isQuorum ? quorumNode(n, p) : imageNode(n, p);
  const what = `${v.isQuorum ? 'Quorum' : 'Image'} ${v.headline} (${v.aside})${v.source ? `, ${v.source}` : ''}`;
  return `<g class="node" data-address="${esc(v.positionLabel)}"><title>${esc(what)}</title>${body}</g>`;
}

export function drawMirror(m: SceneMirror, p: SvgPalette): string {
  const b = m.box;
  const job = m.job;
  let out = rect(inset(b, 0.75), 10, p.nodeImage, p.accent, 1.5, ' stroke-dasharray="6 4" fill-opacity="0.7"');
  out += numbers(b, m.label, m.layer.id === null ? '[–]' : `[${m.layer.id}]`, b.x + PAD, m.index === 0 ? job : null);
  if (m.index === 0) out += badge('badge badge-job', b, job);
  out += kind(b, m.layer.type, m.layer.format, p) + source(b, m.layer.source);
  return `<g class="mirror"><title>${esc(`${m.index === 0 ? 'Copy destination' : 'Copy backing'} ${m.layer.source ?? ''} (${job})`)}</title>${out}${chainEnd(b, m.layer.end, p)}</g>`;
}

/** The dashed frame of a disk with its header: target, alias, device, and the counter on the right. */
export function drawFrame(f: SceneFrame, p: SvgPalette): string {
  const b = f.box;
  const d = f.disk;
  const base = b.y + 25;
  const left = b.x + 14 + monoWidth(d.target, 16) + 10;
  const right = b.x + b.w - 14;
  const alias = d.alias ? `alias ${d.alias}` : null;
  // A narrow frame (one node) has no room for everything the canvas lets overflow: the counter's scope and the
  // device go first, then the alias is cut in the middle; the target and the alias are never dropped.
  const shortCounter = f.counter.replace(/ \(.*\)$/, '');
  const metaWidth = (meta: readonly (string | null)[]): number => meta.reduce((w, s) => (s ? w + sansWidth(s, 13) + 10 : w), 0);
  const tries: [readonly (string | null)[], string][] = [[[alias, d.device], f.counter], [[alias, d.device], shortCounter], [[alias], shortCounter]];
  const room = (counter: string): number => right - monoWidth(counter, 11) - left;
  const [fitted, counter] = tries.find(([m, c]) => metaWidth(m) <= room(c)) ?? [[alias], shortCounter];
  const meta = alias && metaWidth(fitted) > room(counter) ? [middleEllipsis(alias, Math.max(8, Math.floor((room(counter) - 10) / (13 * 0.56))))] : fitted;
  let out = rect(inset(b, 0.75), 14, p.panel, p.border, 1.5, ' stroke-dasharray="6 4" fill-opacity="0.55"');
  out += text('frame-target', b.x + 14, base, d.target);
  let x = left;
  for (const s of meta) {
    if (!s) continue;
    out += text('frame-meta', x, base, s);
    x += sansWidth(s, 13) + 10;
  }
  out += text('frame-counter', right, base, counter, ' text-anchor="end"');
  return `<g class="frame" data-frame="${esc(d.target)}">${out}</g>`;
}
