/**
 * Export → Graph as SVG / Graph as PNG: the picture of what is on the
 * canvas. The SVG is well-formed (xmllint), named after the document, holds
 * every label the canvas shows (headline, the other number, format, the
 * full source path in each node's title) in the theme on screen; the PNG is
 * a real PNG at twice the SVG's size. The PNGs of both themes are kept in
 * test-results/screenshots/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { EXAMPLE, SEL } from './support/editor';
import type { Editor } from './support/editor';

async function exported(page: Page, kind: 'graph-svg' | 'graph-png'): Promise<{ file: Download; bytes: Buffer; ms: number }> {
  const download = page.waitForEvent('download');
  const t0 = Date.now();
  await page.getByLabel('Export').selectOption(kind);
  const file = await download;
  const ms = Date.now() - t0;
  return { file, bytes: Buffer.concat(await (await file.createReadStream()).toArray()), ms };
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of every <text> and <title> of the SVG, decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(text|title)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => decode(m[2]!.replace(/<[^>]+>/g, '')));
}

/** What the canvas shows in each node: the headline, the other number, the format chip, the full source path. */
async function canvasLabels(ed: Editor): Promise<{ pos: string; aside: string; format: string; source: string }[]> {
  await expect(ed.nodes.first()).toBeVisible();
  return ed.nodes.evaluateAll((els) =>
    els.map((el) => ({
      pos: el.querySelector('.sn-pos')?.textContent ?? '',
      aside: el.querySelector('.sn-id')?.textContent ?? '',
      format: el.querySelector('.sn-format')?.textContent ?? '',
      source: el.querySelector('.sn-source')?.getAttribute('title') ?? '',
    })),
  );
}

/** Width and height from a PNG's IHDR chunk, after checking the signature and the chunk's name. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  expect(bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1'), 'last chunk').toBe('IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const svgSize = (svg: string): { width: number; height: number } => {
  const m = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
};

test.describe('graph as a picture', () => {
  test('Graph as SVG holds every label the canvas shows, well-formed, named after the document', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    const labels = await canvasLabels(ed);
    expect(labels.length).toBeGreaterThan(2);
    const { file, bytes } = await exported(page, 'graph-svg');
    expect(file.suggestedFilename()).toBe('demo.graph.svg');
    const svg = bytes.toString('utf8');
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: svg, encoding: 'utf8' });
    if (!lint.error) expect(lint.status, lint.stderr).toBe(0);
    const texts = svgTexts(svg);
    for (const l of labels) {
      expect(texts, l.pos).toContain(l.pos);
      expect(texts, l.aside).toContain(l.aside);
      expect(texts, l.format).toContain(l.format);
      // The full path is each node's tooltip; the line in the box may be shortened in the middle.
      expect(texts.some((t) => t.endsWith(`, ${l.source}`)), l.source).toBe(true);
    }
    const frames = await page.locator(SEL.frame).evaluateAll((els) => els.map((e) => e.getAttribute('data-frame')));
    for (const f of frames) expect(svg).toContain(`data-frame="${f}"`);
    await expect(ed.notice).toContainText('Exported the graph as SVG');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`Graph as PNG is a PNG at twice the SVG's size, ${theme} theme (kept to be looked at)`, async ({ ed, page }, info) => {
      await ed.select('Theme').selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await ed.loadExample(EXAMPLE.mailQuorum);
      const svg = (await exported(page, 'graph-svg')).bytes.toString('utf8');
      // The theme on screen: its background colour is the picture's.
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
      expect(svg).toContain(`class="background"`);
      expect(svg).toMatch(new RegExp(`class="background"[^>]*fill="${bg}"`));
      const { file, bytes, ms } = await exported(page, 'graph-png');
      expect(file.suggestedFilename()).toBe('hda.graph.png');
      const want = svgSize(svg);
      expect(pngSize(bytes)).toEqual({ width: 2 * want.width, height: 2 * want.height });
      await expect(ed.notice).toContainText(`Exported the graph as PNG (${2 * want.width} × ${2 * want.height} px, 2x`);
      const path = `test-results/screenshots/export-${theme}.png`;
      writeFileSync(path, bytes);
      await info.attach(`export-${theme}`, { path, contentType: 'image/png' });
      info.annotations.push({ type: 'timing', description: `PNG export ${ms} ms, ${bytes.length} bytes; SVG ${svg.length} bytes` });
    });
  }

  test('a running copy job is in the picture: its mirror chain and the job label', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ed.replaceXml(LIVE_COPY);
    await ed.applyXml();
    await expect(page.locator('.react-flow__node-mirror')).toHaveCount(1);
    const svg = (await exported(page, 'graph-svg')).bytes.toString('utf8');
    const texts = svgTexts(svg);
    expect(texts).toContain('mirror');
    expect(texts.some((t) => t.startsWith('copy · '))).toBe(true);
  });
});

/** A running disk with a copy job to /var/lib/libvirt/images/copy.qcow2 (libvirt's <mirror>). */
const LIVE_COPY = `<domain type='kvm' id='1'>
  <name>demo</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/top.qcow2' index='2'/>
      <backingStore type='file' index='1'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/base.qcow2'/>
        <backingStore/>
      </backingStore>
      <mirror type='file' job='copy' ready='yes'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/copy.qcow2' index='3'/>
        <backingStore/>
      </mirror>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;
