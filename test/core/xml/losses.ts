/**
 * What a save changed, named for grouping (from two canonical forms, one
 * node per line), and a smaller input that still shows it: nodes and
 * attributes removed and elements replaced by their children while the
 * same loss remains. Minimising compares an in-process canonical form built
 * from Strata's own XML tree (quick; the case itself was judged by xmllint,
 * and the XML layer round-trips it, so what remains is the model's doing).
 */
import type { XmlNode } from '../../../src/core/xml/tree';

interface Tag {
  readonly name: string;
  readonly attrs: Map<string, string>;
}

function tagOf(line: string): Tag | null {
  const m = /^\s*<([^\s>!?/]+)((?:\s+[^\s=]+="[^"]*")*)>$/.exec(line);
  if (!m) return null;
  const attrs = new Map<string, string>();
  for (const a of m[2]!.matchAll(/([^\s=]+)="([^"]*)"/g)) attrs.set(a[1]!, a[2]!);
  return { name: m[1]!, attrs };
}

function what(line: string): string {
  const t = tagOf(line);
  if (t) return `<${t.name}>`;
  const s = line.trim();
  if (s.startsWith('<!--')) return 'a comment';
  if (s.startsWith('<?')) return 'a PI';
  return 'text';
}

/** A short, stable name for the difference between two canonical forms (one node per line). */
export function lossLabel(input: string, output: string): string {
  const a = input.split('\n');
  const b = output.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const removed = a.slice(i, a.length - j);
  const added = b.slice(i, b.length - j);
  const parent = [...a.slice(0, i)].reverse().find((l) => tagOf(l) && l.search(/\S/) < (removed[0] ?? added[0] ?? '').search(/\S/));
  const inside = parent ? ` in <${tagOf(parent)!.name}>` : '';
  if (removed.length > 0 && added.length > 0) {
    const r = tagOf(removed[0]!);
    const d = tagOf(added[0]!);
    if (r && d && r.name === d.name) {
      for (const [k, v] of r.attrs) {
        if (!d.attrs.has(k)) return `<${r.name}>: attribute '${k}' dropped`;
        if (d.attrs.get(k) !== v) return `<${r.name}>: attribute '${k}' rewritten`;
      }
      for (const k of d.attrs.keys()) if (!r.attrs.has(k)) return `<${r.name}>: attribute '${k}' added`;
      if (removed.length !== added.length) return `<${r.name}>: content changed`;
    }
    const sorted = (xs: string[]): string => [...xs].map((x) => x.trim()).sort().join('\n');
    if (sorted(removed) === sorted(added)) return `${what(removed[0]!)} moved${inside}`;
    return `${what(removed[0]!)} replaced by ${what(added[0]!)}${inside}`;
  }
  if (removed.length > 0) return `${what(removed[0]!)} dropped${inside}`;
  if (added.length > 0) return `${what(added[0]!)} added${inside}`;
  return 'no difference';
}

type Tree = readonly XmlNode[];

/** Every way to delete one node or one attribute from `nodes` (pre-order, larger pieces first). */
function* smaller(nodes: Tree): Generator<Tree> {
  type Frame = { list: Tree; rebuild: (list: Tree) => Tree };
  const frames: Frame[] = [{ list: nodes, rebuild: (l) => l }];
  while (frames.length > 0) {
    const { list, rebuild } = frames.shift()!;
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      const without = [...list.slice(0, i), ...list.slice(i + 1)];
      if (n.kind !== 'element' || list !== nodes) yield rebuild(without);
      if (n.kind !== 'element') continue;
      for (let a = 0; a < n.attrs.length; a++) {
        const e = { ...n, attrs: [...n.attrs.slice(0, a), ...n.attrs.slice(a + 1)] };
        yield rebuild([...list.slice(0, i), e, ...list.slice(i + 1)]);
      }
      // Hoisting an element's children into its place shrinks a deep chain one level at a time.
      if (list !== nodes) yield rebuild([...list.slice(0, i), ...n.children, ...list.slice(i + 1)]);
      frames.push({ list: n.children, rebuild: (kids) => rebuild([...list.slice(0, i), { ...n, children: kids }, ...list.slice(i + 1)]) });
    }
  }
}

/** A smaller document (nodes and attributes removed one at a time) for which `keeps` still holds; at most `budget` tries. */
export function minimizeTree(nodes: Tree, keeps: (t: Tree) => boolean, budget = 3000): Tree {
  let best = nodes;
  let tries = 0;
  for (let progress = true; progress && tries < budget; ) {
    progress = false;
    for (const candidate of smaller(best)) {
      if (++tries > budget) break;
      if (keeps(candidate)) {
        best = candidate;
        progress = true;
        break;
      }
    }
  }
  return best;
}

const textEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const attrEsc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

/** Roughly what `xmllint --c14n` prints for a tree (attributes sorted by name, CDATA as text, no declaration or DOCTYPE), iteratively. */
export function approxC14n(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  const stack: (XmlNode | string)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') out.push(n);
    else if (n.kind === 'element') {
      const attrs = [...n.attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push(`<${n.name}${attrs.map(([k, v]) => ` ${k}="${attrEsc(v)}"`).join('')}>`);
      stack.push(`</${n.name}>`);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    } else if (n.kind === 'text' || n.kind === 'cdata') out.push(textEsc(n.text));
    else if (n.kind === 'comment') out.push(`<!--${n.text}-->`);
    else if (n.kind === 'pi' && n.name !== 'xml') out.push(`<?${n.name}${n.data ? ' ' + n.data : ''}?>`);
  }
  return out.join('');
}
