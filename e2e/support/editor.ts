/**
 * Page object for the Strata editor: selectors in one place, and helpers
 * that act only through the mouse, the keyboard and the DOM (never through
 * the app's internals).
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The single session key of session format 1; newer versions read it once and move it to a per-tab key. */
export const SESSION_KEY = 'strata.session';
/** sessionStorage key of a tab's session id; its session is stored under `strata.session.<id>`. */
export const TAB_KEY = 'strata.tab';

/** Selectors of the DOM contract. */
export const SEL = {
  /** Source nodes only: disk frames are React Flow nodes too, but carry data-frame instead of data-disk. */
  node: '.react-flow__node[data-disk]',
  frame: '.react-flow__node[data-frame]',
  edge: '.react-flow__edge',
  pos: '.sn-pos',
  id: '.sn-id',
  name: '.sn-name',
  source: '.sn-source',
  endTerminated: '.sn-end-terminated',
  endOpen: '.sn-end-open',
  selectedNode: '.react-flow__node.selected, .react-flow__node:has(.sn-selected)',
  handleTop: '.react-flow__handle-top',
  handleBottom: '.react-flow__handle-bottom',
  graphPane: '.graph-pane',
  staleGraph: '.graph-stale',
  cmLine: '.cm-line',
  cmHint: '.cm-node-hint',
  cmSelectedLine: '.cm-line.cm-selected-node',
  lintRangeError: '.cm-lintRange-error',
  lintMarkerError: '.cm-lint-marker-error',
  notice: '[data-testid=notice]',
} as const;

/** Built-in examples (option values of the Examples select). */
export const EXAMPLE = {
  web01: 'web01',
  mailQuorum: 'mail-quorum',
  mailChain: 'mail-chain',
  liveChain: 'live-chain',
  multiDisk: 'multi-disk',
  mixedLayers: 'mixed-layers',
} as const;

/** One node as the graph shows it. */
export interface ShownNode {
  readonly address: string;
  readonly id: string;
}

/** `[data-address="vda[2]"]` etc. (brackets are fine inside a quoted attribute value). */
export const byAddress = (address: string): string => `${SEL.node}[data-address="${address}"]`;

/** Clears localStorage once per browser context (survives page.reload(), unlike a plain init script). */
export async function startClean(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('__e2e_cleared') === null) {
      localStorage.clear();
      sessionStorage.setItem('__e2e_cleared', '1');
    }
  });
}

/** Puts `value` under the session key once per context, before the app starts. */
export async function seedStorage(page: Page, value: string): Promise<void> {
  await page.addInitScript(
    ([key, v]) => {
      if (sessionStorage.getItem('__e2e_seeded') === null) {
        localStorage.clear();
        localStorage.setItem(key, v);
        sessionStorage.setItem('__e2e_seeded', '1');
      }
    },
    [SESSION_KEY, value] as const,
  );
}

export class Editor {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  // ---- regions and controls ---------------------------------------------

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Main' });
  }
  get graph(): Locator {
    return this.page.locator(SEL.graphPane);
  }
  get xml(): Locator {
    return this.page.getByRole('textbox', { name: 'XML' });
  }
  get problems(): Locator {
    return this.page.getByRole('region', { name: 'Problems' });
  }
  get inspector(): Locator {
    return this.page.getByRole('region', { name: 'Inspector' });
  }
  get legend(): Locator {
    return this.page.getByLabel('Legend', { exact: true });
  }
  get notice(): Locator {
    return this.page.locator(SEL.notice);
  }
  get staleBanner(): Locator {
    return this.page.getByText(/^Stale:/);
  }
  get menu(): Locator {
    return this.page.getByRole('menu');
  }
  /** The Recent sessions dialog (toolbar: Recent…). */
  get recent(): Locator {
    return this.page.getByRole('dialog', { name: 'Recent sessions' });
  }
  button(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }
  select(name: 'Examples' | 'Dialect' | 'Guest state' | 'Theme'): Locator {
    return this.page.getByRole('combobox', { name, exact: true });
  }

  // ---- graph --------------------------------------------------------------

  get nodes(): Locator {
    return this.page.locator(SEL.node);
  }
  get edges(): Locator {
    return this.page.locator(SEL.edge);
  }
  node(address: string): Locator {
    return this.page.locator(byAddress(address));
  }
  frame(target: string): Locator {
    return this.page.locator(`${SEL.frame}[data-frame="${target}"]`);
  }
  get selectedNodes(): Locator {
    return this.page.locator(SEL.selectedNode).and(this.page.locator(SEL.node));
  }

  /**
   * Every node's position address and id as its labels show them, in position
   * order per disk. The labels follow the dialect: libvirt shows `vda[N]` (N
   * the id) big and `#P` (the position) quietly; the proposal shows `vda[P]`
   * big and the node name `alias[N]` quietly. Both are read back into
   * (`vda[P]`, `[N]`), so one expectation holds for either.
   */
  async shown(): Promise<ShownNode[]> {
    return this.nodes.evaluateAll((els) =>
      els
        .map((el) => {
          const head = el.querySelector('.sn-pos')?.textContent ?? '';
          const aside = el.querySelector('.sn-id')?.textContent ?? '';
          const target = head.replace(/\[.*$/, '');
          const libvirt = aside.startsWith('#');
          const address = libvirt ? `${target}[${aside.slice(1)}]` : head;
          const id = libvirt ? head.slice(target.length) : (/\[[^\]]*\]$/.exec(aside)?.[0] ?? aside);
          return { disk: el.getAttribute('data-disk') ?? '', position: Number(el.getAttribute('data-position')), address, id };
        })
        .sort((a, b) => a.disk.localeCompare(b.disk) || a.position - b.position)
        .map(({ address, id }) => ({ address, id })),
    );
  }

  /** Waits until the graph shows exactly these nodes (address + id label), whatever their order. */
  async expectGraph(expected: readonly ShownNode[]): Promise<void> {
    const sorted = [...expected].sort((a, b) => {
      const [da, pa] = split(a.address);
      const [db, pb] = split(b.address);
      return da.localeCompare(db) || pa - pb;
    });
    await expect.poll(() => this.shown(), { message: 'graph nodes (address, id)' }).toEqual(sorted);
  }

  /** data-* attributes and labels agree for one node. */
  async expectNode(address: string, id: number | null, source?: string): Promise<void> {
    const n = this.node(address);
    await expect(n).toHaveCount(1);
    const [disk, position] = split(address);
    await expect(n).toHaveAttribute('data-disk', disk);
    await expect(n).toHaveAttribute('data-position', String(position));
    await expect(n).toHaveAttribute('data-node-id', id === null ? '' : String(id));
    // The big label is the address in the dialect: the id in libvirt (`vda[N]`, with `#P` beside it), the position in the proposal.
    const idText = id === null ? '[–]' : `[${id}]`;
    const libvirt = (await n.locator(SEL.id).textContent())?.startsWith('#') ?? false;
    if (libvirt) {
      await expect(n.locator(SEL.pos)).toHaveText(`${disk}${idText}`);
      await expect(n.locator(SEL.id)).toHaveText(`#${position}`);
    } else {
      await expect(n.locator(SEL.pos)).toHaveText(address);
      await expect(n.locator(SEL.id)).toHaveText(new RegExp(`\\${idText.slice(0, -1)}\\]$`));
    }
    if (source !== undefined) await expect(n.locator(SEL.source)).toHaveAttribute('title', source);
  }

  /** Waits until an element stops moving (fit-view and centring animations). */
  async waitStill(l: Locator): Promise<void> {
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await l.boundingBox());
          const same = now === last;
          last = now;
          return same;
        },
        { intervals: [120], message: 'element stops moving' },
      )
      .toBe(true);
  }

  async clickNode(address: string): Promise<void> {
    // A click while the view is still fitting (after a load) would count as a tiny drag: wait for it to settle.
    await this.waitStill(this.node(address));
    // The source line is plain text: clicking it never starts a connection from a handle.
    await this.node(address).locator(SEL.source).or(this.node(address).locator('.sn-vote')).first().click();
    await expect(this.node(address)).toHaveClass(/selected/);
  }

  async contextMenu(address: string, item: string): Promise<void> {
    await this.waitStill(this.node(address));
    await this.node(address).locator(SEL.pos).click({ button: 'right' });
    await expect(this.menu).toBeVisible();
    await this.menu.getByRole('menuitem', { name: item }).click();
    await expect(this.menu).toBeHidden();
  }

  /** Drags with the real mouse from one point to another in small steps. */
  async mouseDrag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
    const m = this.page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    await m.move(from.x + 4, from.y + 4, { steps: 2 });
    await m.move(to.x, to.y, { steps });
    await m.up();
  }

  /** Draws a connection from `fromAddress`'s lower handle to `toAddress`'s upper handle. */
  async connect(fromAddress: string, toAddress: string): Promise<void> {
    await this.waitStill(this.node(fromAddress));
    const a = await centre(this.node(fromAddress).locator(SEL.handleBottom));
    const b = await centre(this.node(toAddress).locator(SEL.handleTop));
    await this.mouseDrag(a, b, 16);
  }

  /** Moves a node by dragging its body. */
  async dragNodeBy(address: string, dx: number, dy: number): Promise<void> {
    await this.waitStill(this.node(address));
    const box = await boxOf(this.node(address).locator(SEL.source));
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await this.mouseDrag(from, { x: from.x + dx, y: from.y + dy }, 15);
  }

  // ---- toolbar ------------------------------------------------------------

  /**
   * Opens the editor. Most specs were written against the design-mail quorum,
   * so that is what opens unless `example` names another (`null`: the first
   * load a new user sees, the default example, with no `?example=`).
   */
  async open(opts: { clean?: boolean; example?: string | null } = {}): Promise<void> {
    if (opts.clean !== false) await startClean(this.page);
    const example = opts.example === undefined ? 'mail-quorum' : opts.example;
    await this.page.goto(example === null ? '/' : `/?example=${example}`);
    await expect(this.nodes.first()).toBeVisible();
  }

  async loadExample(id: string): Promise<void> {
    await this.select('Examples').selectOption(id);
  }

  // ---- XML pane -------------------------------------------------------------

  /** The editor's text as shown (inline hint widgets left out). Short documents only: CodeMirror renders the viewport. */
  async xmlText(): Promise<string> {
    return this.xml.evaluate((el) =>
      Array.from(el.querySelectorAll('.cm-line'))
        .map((line) => {
          const copy = line.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.cm-node-hint, [contenteditable=false]').forEach((w) => w.remove());
          return copy.textContent ?? '';
        })
        .join('\n'),
    );
  }

  /** A line of the editor, by a piece of its text. */
  xmlLine(text: string): Locator {
    return this.xml.locator(SEL.cmLine).filter({ hasText: text });
  }

  /** Replaces the whole XML as a user would: select all, then insert the new text (no tag auto-closing). */
  async replaceXml(text: string): Promise<void> {
    await this.xml.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  /**
   * Replaces the whole XML by a real paste event (select all, then `paste`
   * with a DataTransfer, as Ctrl+V delivers it): fast for any size, unlike
   * keyboard.insertText.
   */
  async pasteXml(text: string): Promise<void> {
    await this.xml.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.xml.evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Selects the text of one line (after its indentation) and types `text` over it. */
  async replaceLine(lineText: string, text: string): Promise<void> {
    const line = this.xmlLine(lineText);
    await expect(line).toHaveCount(1);
    await line.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Home'); // CodeMirror: start of the text after the indentation
    await this.page.keyboard.press('Shift+End');
    await this.page.keyboard.insertText(text);
  }

  /** Applies the typing at once (Ctrl+S in the editor). */
  async applyXml(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+S');
  }

  /** Opens the Recent sessions dialog from the toolbar. */
  async openRecent(): Promise<Locator> {
    await this.button('Recent…').click();
    await expect(this.recent).toBeVisible();
    return this.recent;
  }

  // ---- files ----------------------------------------------------------------

  /** Opens a file through the toolbar's Open… button and the browser's file chooser. */
  async openFile(name: string, content: string | readonly number[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.button('Open…').click();
    await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(typeof content === 'string' ? content : [...content]) });
  }

  /** Drops a file on the graph as a user dragging it from the desktop would. */
  async dropFile(name: string, content: string | readonly number[]): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ([n, c]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([typeof c === 'string' ? c : new Uint8Array(c)], n));
        return dt;
      },
      [name, content] as const,
    );
    const target = this.page.locator('.react-flow__pane');
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }

  // ---- storage --------------------------------------------------------------

  /** This tab's stored session (under its per-tab key; the single format-1 key before that scheme). */
  async storedSession(): Promise<Record<string, unknown> | null> {
    const raw = await this.page.evaluate(
      ([legacy, tab]) => {
        const id = sessionStorage.getItem(tab);
        return localStorage.getItem(id === null ? legacy : `${legacy}.${id}`);
      },
      [SESSION_KEY, TAB_KEY] as const,
    );
    return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
  }
}

function split(address: string): [string, number] {
  const m = /^(.*)\[(\d+)\]$/.exec(address);
  if (!m) throw new Error(`not an address: ${address}`);
  return [m[1]!, Number(m[2])];
}

export async function boxOf(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await expect(l).toBeVisible();
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

export async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const b = await boxOf(l);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** The default document: the design mail's Q[a, b <- c, d] (positions Q=0, a=1, c=2, b=3, d=4; ids [4],[0],[2],[1],[3]). */
/** The default example (what a new user sees first): web01, running, as libvirt 9.0 numbered it. */
export const WEB01_NODES: readonly ShownNode[] = [
  { address: 'vda[0]', id: '[4]' },
  { address: 'vda[1]', id: '[2]' },
  { address: 'vda[2]', id: '[3]' },
  { address: 'sda[0]', id: '[1]' },
];

export const MAIL_QUORUM_NODES: readonly ShownNode[] = [
  { address: 'hda[0]', id: '[4]' },
  { address: 'hda[1]', id: '[0]' },
  { address: 'hda[2]', id: '[2]' },
  { address: 'hda[3]', id: '[1]' },
  { address: 'hda[4]', id: '[3]' },
];
