/**
 * The graph as SVG (src/core/export/svg.ts): well-formed for Strata's parser
 * and for libxml2, one <text> for every label derive gives a node (headline,
 * aside, type, format, source, quorum vote and members) and for every disk
 * frame, paths with XML's special characters escaped, a viewBox that holds
 * every box, and each theme's own colours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import type { Point } from '../../../src/core/layout';
import { NODE_HEIGHT, NODE_WIDTH, placeNodes } from '../../../src/core/layout';
import type { DomainDoc } from '../../../src/core/model/types';
import { derive } from '../../../src/core/numbers/derive';
import { perform } from '../../../src/core/operations/registry';
import { END_MARK_DEPTH } from '../../../src/core/export/graphScene';
import { MARGIN, renderGraphSvg } from '../../../src/core/export/svg';
import type { SvgPalette } from '../../../src/core/export/svgPalette';
import { DARK, LIGHT, PALETTE_VARS, paletteFrom } from '../../../src/core/export/svgPalette';
import { getAttr } from '../../../src/core/xml/tree';
import { XMLLINT_MISSING, judge } from '../../helpers/xmllint';
import { build, docArb } from '../../helpers/trees';
import { elements, hasClass, isShortFormOf, parseSvg, textOf, texts, viewBox } from './svgRead';

function load(text: string): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`line ${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.doc;
}

const render = (doc: DomainDoc, palette: SvgPalette = LIGHT, dragged: Record<string, Point> = {}) => renderGraphSvg({ doc, positions: placeNodes(doc, dragged), palette, title: 'test' });

/** A running copy job beside live-chain's disk, and an active commit. */
function withJobs(): DomainDoc[] {
  const live = load(EXAMPLES.find((e) => e.id === 'live-chain')!.text);
  const out: DomainDoc[] = [];
  for (const req of [
    { kind: 'copy-start', at: 'vda', dest: '/var/lib/libvirt/images/copy.qcow2', shallow: false },
    { kind: 'copy-start', at: 'vda', dest: '/var/lib/libvirt/images/shallow.qcow2', shallow: true },
    { kind: 'commit-start', top: 'vda[4]', base: 'vda[1]' },
  ] as const) {
    const r = perform(live, req);
    if (!r.ok) throw new Error(r.reason);
    out.push(r.doc);
  }
  return out;
}

const examples = (): [string, DomainDoc][] => [...EXAMPLES.map((e): [string, DomainDoc] => [e.id, load(e.text)]), ...withJobs().map((d, i): [string, DomainDoc] => [`job ${i}`, d])];
const randomDoc = fc.oneof(docArb('libvirt', false), docArb('libvirt', true), docArb('proposal', true)).map((spec) => load(build(spec).xml));

/** Every label derive gives, found as the text of its own <text> in the node's group. */
function labelsShown(doc: DomainDoc, svg: string): string | null {
  const root = parseSvg(svg);
  const groups = elements(root).filter((e) => e.name === 'g' && hasClass(e, 'node'));
  const derived = derive(doc);
  const views = derived.disks.flatMap((d) => d.nodes);
  if (groups.length !== views.length) return `${groups.length} node groups for ${views.length} nodes`;
  for (const v of views) {
    const g = groups.find((x) => getAttr(x, 'data-address') === v.positionLabel);
    if (!g) return `no group for ${v.positionLabel}`;
    const one = (cls: string, want: string, exact = true): string | null => {
      const got = texts(g, cls);
      if (got.length !== 1) return `${v.positionLabel}: ${got.length} <text class=${cls}>`;
      return (exact ? got[0] === want : isShortFormOf(got[0]!, want)) ? null : `${v.positionLabel}: ${cls} is ${JSON.stringify(got[0])}, not ${JSON.stringify(want)}`;
    };
    const problems = [one('pos', v.headline), one('aside', v.aside, false)];
    if (v.isQuorum) {
      const vote = elements(g).filter((e) => e.name === 'text' && hasClass(e, 'vote')).map(textOf);
      problems.push(vote.length === 1 && vote[0] === `${v.threshold ?? '?'} of ${v.members} must agree` ? null : `${v.positionLabel}: vote ${JSON.stringify(vote)}`);
      const names = v.childUids.map((c) => derived.byUid.get(c)!.headline).join(' · ') || 'no members';
      problems.push(one('members', names, false));
    } else {
      problems.push(one('type', v.type ?? 'no type'), one('chip', v.format ?? 'no format'), one('src', v.source ?? '—', false));
    }
    const p = problems.find((x) => x !== null);
    if (p) return p;
  }
  const frames = elements(root).filter((e) => e.name === 'g' && hasClass(e, 'frame'));
  for (const d of derived.disks) {
    const f = frames.find((x) => getAttr(x, 'data-frame') === d.target);
    if (!f || texts(f, 'frame-target')[0] !== d.target) return `no frame titled ${d.target}`;
    if (d.alias && !texts(f, 'frame-meta').some((t) => isShortFormOf(t, `alias ${d.alias}`))) return `frame ${d.target} lacks its alias`;
  }
  return null;
}

/** Every node box (with its chain-end mark) and frame inside the viewBox, with the margin. */
function outside(doc: DomainDoc, out: ReturnType<typeof render>): string | null {
  const vb = viewBox(parseSvg(out.svg));
  const inBox = (x: number, y: number, w: number, h: number) => x >= vb.x + MARGIN - 1 && y >= vb.y + MARGIN - 1 && x + w <= vb.x + vb.w - MARGIN + 1 && y + h <= vb.y + vb.h - MARGIN + 1;
  for (const n of out.scene.nodes) if (!inBox(n.box.x, n.box.y, NODE_WIDTH, NODE_HEIGHT + END_MARK_DEPTH)) return `node ${n.view.positionLabel} at ${n.box.x},${n.box.y} outside ${JSON.stringify(vb)}`;
  for (const m of out.scene.mirrors) if (!inBox(m.box.x, m.box.y, m.box.w, m.box.h)) return `mirror ${m.index} outside`;
  for (const f of out.scene.frames) if (!inBox(f.box.x, f.box.y, f.box.w, f.box.h)) return `frame ${f.disk.target} outside`;
  if (out.scene.nodes.length !== derive(doc).byUid.size) return `${out.scene.nodes.length} nodes drawn for ${derive(doc).byUid.size}`;
  return null;
}

describe('graph as SVG', () => {
  it('is well-formed for Strata\'s parser and names every label, for every example, a running job, and random documents', () => {
    for (const [id, doc] of examples()) {
      for (const palette of [LIGHT, DARK]) {
        const out = render(doc, palette);
        expect(labelsShown(doc, out.svg), id).toBeNull();
        expect(outside(doc, out), id).toBeNull();
      }
    }
    fc.assert(fc.property(randomDoc, (doc) => labelsShown(doc, render(doc).svg) === null && outside(doc, render(doc)) === null), { numRuns: 60 });
  });

  it.skipIf(XMLLINT_MISSING !== null)(`is well-formed for libxml2 (xmllint --noout)${XMLLINT_MISSING ? `: skipped, ${XMLLINT_MISSING}` : ''}`, async () => {
    const docs = [...examples().map(([, d]) => d), ...fc.sample(randomDoc, { numRuns: 40, seed: 7 })];
    const svgs = docs.flatMap((d) => [render(d, LIGHT).svg, render(d, DARK).svg]);
    const verdicts = await judge(svgs.map((s) => new TextEncoder().encode(s)));
    expect(verdicts.filter((v) => !v.wellFormed).map((v) => v.messages)).toEqual([]);
  });

  it('draws the mirror chain of a running copy dashed beside its disk, with the job label', () => {
    const [copy, shallow, commit] = withJobs();
    const root = parseSvg(render(copy!).svg);
    const mirrors = elements(root).filter((e) => e.name === 'g' && hasClass(e, 'mirror'));
    expect(mirrors).toHaveLength(1);
    expect(texts(mirrors[0]!, 'pos')).toEqual(['mirror']);
    expect(texts(mirrors[0]!, 'src')).toEqual(['/var/lib/…/copy.qcow2']);
    expect(texts(root, 'elabel')).toContain('copy · ready');
    expect(texts(parseSvg(render(shallow!).svg), 'elabel')).toContain('backed by');
    expect(texts(parseSvg(render(commit!).svg), 'elabel').some((t) => t.startsWith('active-commit'))).toBe(true);
  });

  it('puts no edge label under a box, in the automatic layout of every example and job', () => {
    for (const [id, doc] of examples()) {
      const out = render(doc);
      const boxes = [...out.scene.nodes.map((n) => n.box), ...out.scene.mirrors.map((m) => m.box)];
      const labels = [...out.svg.matchAll(/<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/><text class="elabel"[^>]*>([^<]*)</g)];
      expect(labels.length, id).toBe(out.scene.edges.filter((e) => e.label).length);
      for (const [, x, y, w, h, text] of labels) {
        const [lx, ly, lw, lh] = [x, y, w, h].map(Number) as [number, number, number, number];
        const under = boxes.find((b) => lx < b.x + b.w && lx + lw > b.x && ly < b.y + b.h && ly + lh > b.y);
        expect(under, `${id}: label ${text}`).toBeUndefined();
      }
    }
  });

  it('escapes < & \' " in paths, names and the title; characters XML cannot carry become U+FFFD', () => {
    const path = `/img/a&b<c"d'e>.qcow2`;
    const doc = load(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/a&amp;b&lt;c&quot;d&apos;e&gt;.qcow2'/><backingStore/><target dev='vda' bus='virtio'/><alias name='x&lt;&amp;'/></disk>`);
    const out = renderGraphSvg({ doc, positions: placeNodes(doc, {}), palette: LIGHT, title: `a <b> & "c" \u0001 \uD800` });
    expect(out.svg).not.toContain(path);
    const root = parseSvg(out.svg);
    expect(texts(root, 'src')).toEqual([path]);
    expect(texts(root, 'frame-meta')).toContain('alias x<&');
    expect(textOf(elements(root).find((e) => e.name === 'title')!)).toBe('a <b> & "c" \uFFFD \uFFFD');
    // The node's tooltip carries the full path.
    const v = derive(doc).disks[0]!.nodes[0]!;
    expect(elements(root).filter((e) => e.name === 'title').map(textOf)).toContain(`Image ${v.headline} (${v.aside}), ${path}`);
  });

  it('fits the viewBox to nodes dragged anywhere, negative coordinates and backing stores above their users included', () => {
    const doc = load(EXAMPLES.find((e) => e.id === 'mail-quorum')!.text);
    const uids = [...derive(doc).byUid.keys()];
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: -3000, max: 3000 }), y: fc.integer({ min: -3000, max: 3000 }) }), { minLength: uids.length, maxLength: uids.length }), (pts) => {
        const dragged = Object.fromEntries(uids.map((u, i) => [u, pts[i]!]));
        const out = render(doc, LIGHT, dragged);
        const vb = viewBox(parseSvg(out.svg));
        expect(getAttr(parseSvg(out.svg), 'width')).toBe(String(vb.w));
        return outside(doc, out) === null;
      }),
      { numRuns: 80 },
    );
  });

  it('uses the theme it is given: each palette\'s colours, none of the other\'s', () => {
    const doc = load(EXAMPLES.find((e) => e.id === 'mail-quorum')!.text);
    const light = render(doc, LIGHT).svg;
    const dark = render(doc, DARK).svg;
    for (const key of ['bg', 'text', 'accent', 'quorum', 'edge', 'active', 'nodeImage', 'nodeQuorum', 'border'] as const) {
      expect(light, key).toContain(LIGHT[key]);
      expect(dark, key).toContain(DARK[key]);
      expect(light, key).not.toContain(DARK[key]);
      expect(dark, key).not.toContain(LIGHT[key]);
    }
  });

  it('takes the live theme through paletteFrom, refusing anything that is no plain colour', () => {
    const vars = new Map<string, string>(Object.entries(PALETTE_VARS).map(([k, v]) => [v, ` ${DARK[k as keyof SvgPalette]}`]));
    vars.set('--bg', 'red"/><script>alert(1)</script>');
    vars.set('--text', 'rgb(1 2 3 / 50%)');
    vars.delete('--edge');
    const p = paletteFrom((v) => vars.get(v) ?? '', LIGHT);
    expect(p).toMatchObject({ bg: LIGHT.bg, text: 'rgb(1 2 3 / 50%)', edge: LIGHT.edge, accent: DARK.accent });
    const svg = renderGraphSvg({ doc: load(EXAMPLES[0]!.text), positions: new Map(), palette: { ...DARK, quorum: '}</style><script>' } }).svg;
    expect(svg).not.toContain('<script>');
  });

  it('gives a document without disks a small picture that says so', () => {
    const doc = load(`<domain type='kvm'><name>empty</name><devices/></domain>`);
    const out = render(doc);
    expect(texts(parseSvg(out.svg), 'empty')).toEqual(['No disks in this document']);
    expect(out.box.w).toBeGreaterThan(0);
  });
});
