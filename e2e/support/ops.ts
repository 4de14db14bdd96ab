/**
 * Page object for the operations UI: the toolbar's Operations menu, the
 * operations dialog, and the "What happened" panel. Acts only through the
 * mouse, the keyboard and the DOM, like support/editor.ts.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Editor } from './editor';

/** Dashed nodes of a running copy job (not source nodes: they carry data-mirror, not data-disk). */
export const MIRROR_NODE = '.react-flow__node[data-mirror]';
export const MIRROR_EDGE = '.react-flow__edge.edge-mirror';

export type OpName = 'Snapshot' | 'Commit' | 'Pull' | 'Copy' | 'Backup' | 'Quorum' | 'Renumber';

export class Ops {
  constructor(readonly ed: Editor) {}

  get page(): Page {
    return this.ed.page;
  }
  get menuButton(): Locator {
    return this.ed.toolbar.getByRole('button', { name: /^Operations/ });
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Operations/ });
  }
  get panel(): Locator {
    return this.page.getByRole('region', { name: 'What happened' });
  }
  /** The refusal reason the open form shows above its apply button. */
  get refusal(): Locator {
    return this.dialog.locator('.ops-refusal:not(.ops-refusal-empty)');
  }
  get message(): Locator {
    return this.panel.locator('.cp-message');
  }
  get mirrorNodes(): Locator {
    return this.page.locator(MIRROR_NODE);
  }

  /** Toolbar → Operations → `name…`; waits for the dialog on that tab. */
  async open(name: OpName): Promise<void> {
    await this.menuButton.click();
    await this.page.getByRole('menu', { name: 'Operations' }).getByRole('menuitem', { name: `${name}…` }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  }

  /**
   * Picks the option of a node select for the node at position `address`
   * (e.g. `vda[2]`), or the option with exactly this text. Options read
   * `LABEL (ASIDE) · what`, as the graph labels nodes: in the libvirt dialect
   * `vda[8] (#2)`, the position quiet; in the proposal `vda[2] (ide0-0-0[4])`.
   */
  async choose(label: string, address: string): Promise<void> {
    const select = this.dialog.getByLabel(label, { exact: true });
    const texts = await select.locator('option').allTextContents();
    const positionOf = (t: string): string => {
      const m = /^(\S+?)(\[[^\]]*\])? \((#\d+|[^)]*)\)/.exec(t);
      if (!m) return t;
      return m[3]!.startsWith('#') ? `${m[1]}[${m[3]!.slice(1)}]` : `${m[1]}${m[2] ?? ''}`;
    };
    const hit = texts.find((t) => t === address || positionOf(t) === address);
    if (hit === undefined) throw new Error(`no option ${address} in ${label}: ${texts.join(' | ')}`);
    await select.selectOption({ label: hit });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.dialog.getByLabel(label, { exact: true }).fill(value);
  }

  /** Clicks the form's apply button (`Snapshot`, `Start copy`, ...). */
  async apply(button: string): Promise<void> {
    const b = this.dialog.getByRole('button', { name: button, exact: true });
    await expect(b).toBeEnabled();
    await b.click();
  }

  /** Ends the running job from the panel: Pivot, Cancel copy or Keep overlay. */
  async endJob(button: 'Pivot' | 'Cancel copy' | 'Keep overlay'): Promise<void> {
    await this.panel.getByRole('button', { name: button, exact: true }).click();
    await expect(this.panel.locator('.ops-job')).toHaveCount(0);
  }

  /**
   * Opens Operations → Renumber, returns why it is refused (null when its
   * button is enabled) and closes the dialog again.
   */
  async renumberRefusal(): Promise<string | null> {
    await this.open('Renumber');
    const button = this.dialog.getByRole('button', { name: 'Renumber', exact: true });
    const enabled = await button.isEnabled();
    const reason = enabled ? null : await this.refusal.innerText();
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
    return reason;
  }

  /** Operations → Renumber → Renumber. */
  async renumber(): Promise<void> {
    await this.open('Renumber');
    await this.apply('Renumber');
  }

  /** The text of a command block of the panel: `virsh`, `QMP`, or the image-creating sh lines. */
  commands(block: 'virsh' | 'QMP'): Locator {
    return this.panel.getByLabel(block, { exact: true });
  }

  list(title: RegExp): Locator {
    return this.panel.getByRole('list', { name: title });
  }

  /** `[data-node-id]` of the source nodes, in position order per disk. */
  async ids(): Promise<string[]> {
    return this.ed.nodes.evaluateAll((els) =>
      els
        .map((el) => ({ p: Number(el.getAttribute('data-position')), id: el.getAttribute('data-node-id') ?? '' }))
        .sort((a, b) => a.p - b.p)
        .map((x) => x.id),
    );
  }
}
