/**
 * Benchmark inputs, built as text. Pure TypeScript with no Node imports, so
 * a browser benchmark page can reuse them later; the deep-input test uses
 * them too.
 */

export interface ChainOptions {
  /** Write `index` ids, as libvirt does for a running guest. */
  readonly running?: boolean;
  /**
   * Indent like `virsh dumpxml` (default). At 5,000 levels the indentation
   * alone is ~100 MB of text; tests that only need the depth turn it off.
   */
  readonly indent?: boolean;
}

/** A libvirt-dialect chain of `depth` qcow2 layers ending in `<backingStore/>`, as a bare <disk>. */
export function libvirtChain(depth: number, { running = false, indent = true }: ChainOptions = {}): string {
  const lines: string[] = ["<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>"];
  const index = (id: number): string => (running ? ` index='${id}'` : '');
  const pad = (level: number): string => (indent ? '  '.repeat(level) : '');
  lines.push(`  <source file='/images/layer${depth - 1}.qcow2'${index(depth)}/>`);
  const closes: string[] = [];
  for (let level = 1; level < depth; level++) {
    lines.push(`${pad(level)}<backingStore type='file'${index(depth - level)}>`);
    lines.push(`${pad(level + 1)}<format type='qcow2'/>`);
    lines.push(`${pad(level + 1)}<source file='/images/layer${depth - 1 - level}.qcow2'/>`);
    closes.push(`${pad(level)}</backingStore>`);
  }
  lines.push(`${pad(depth)}<backingStore/>`);
  lines.push(...closes.reverse());
  lines.push("  <target dev='vda' bus='virtio'/>", '</disk>');
  return lines.join('\n') + '\n';
}

/** The same chain in the proposal dialect (`<driver>` on every layer; the writer adds index = position). */
export function proposalChain(depth: number, options: ChainOptions = {}): string {
  // What the proposal writer emits: <driver> on every level and index = position on each <backingStore> (domain.md §3 rule 3).
  let position = 0;
  return libvirtChain(depth, options)
    .replace(/<format type='qcow2'\/>/g, "<driver name='qemu' type='qcow2'/>")
    .replace(/<backingStore type='file'>/g, () => `<backingStore type='file' index='${++position}'>`);
}

/** A quorum of `members` members, each a qcow2 overlay on a raw base (two levels), proposal dialect. */
export function quorumOfChains(members: number): string {
  const lines = ["<disk type='quorum' device='disk'>", `  <driver name='qemu' type='quorum' threshold='${Math.ceil(members / 2)}'/>`];
  for (let i = 0; i < members; i++) {
    lines.push(
      `  <backingStore type='file' index='${2 * i + 1}'>`,
      "    <driver name='qemu' type='qcow2'/>",
      `    <source file='/images/m${i}-top.qcow2'/>`,
      `    <backingStore type='file' index='${2 * i + 2}'>`,
      "      <driver name='qemu' type='raw'/>",
      `      <source file='/images/m${i}-base.raw'/>`,
      '      <backingStore/>',
      '    </backingStore>',
      '  </backingStore>',
    );
  }
  lines.push("  <target dev='vda' bus='virtio'/>", '</disk>');
  return lines.join('\n') + '\n';
}

function withLateAmpersand(text: string): string {
  return text.replace('</disk>', '  <!-- R&amp;D -->\n</disk>');
}

export interface BenchCase {
  readonly name: string;
  readonly text: string;
  /** The brief's sizes carry the <= 2.0 target; the others are shown for insight only. */
  readonly target: boolean;
}

export function benchCases(): BenchCase[] {
  return [
    { name: 'chain 1,000 levels', text: libvirtChain(1000), target: true },
    { name: 'chain 5,000 levels', text: libvirtChain(5000), target: true },
    // The indented 5,000-level text is ~100 MB of spaces that every parser must scan; without them
    // the ratio shows Strata's own work on a deep tree. Its output is indented virsh-style again
    // (~100 MB), so writing dominates: a figure about output size, not a target.
    { name: 'chain 5,000 levels, not indented', text: libvirtChain(5000, { indent: false }), target: false },
    { name: 'quorum of 100 two-level members', text: quorumOfChains(100), target: true },
    // Not in the brief's list: one escaped '&' after all the tags (a comment, a path) is ordinary XML
    // and showed a quadratic scan in src/core/xml/parse.ts checkAmpersands (see the bench report).
    { name: "chain 1,000 levels, one '&amp;' at the end", text: withLateAmpersand(libvirtChain(1000)), target: false },
  ];
}
