/**
 * Lessons mode (issue 4): every lesson from start to end through the UI, and
 * progress that survives a reload. Real controls where they exist (the bench
 * buttons, graph clicks, the toolbar's Dialect, the threshold stepper, the
 * name checker); "Do it for me" for the live operations, whose dialogs are
 * not mounted yet (switch those steps to the dialogs once they are).
 */
import { expect, test } from './support/fixtures';
import type { Locator, Page } from '@playwright/test';

const PROGRESS_KEY = 'strata.lessons';
const LESSON_COUNT = 8;

class Lessons {
  constructor(readonly page: Page) {}
  get panel(): Locator {
    return this.page.getByRole('region', { name: 'Lessons' });
  }
  get toggle(): Locator {
    return this.page.getByRole('button', { name: 'Lessons', exact: true });
  }
  get title(): Locator {
    return this.panel.getByRole('heading', { level: 2 });
  }
  get complete(): Locator {
    return this.panel.getByText('✓ Lesson complete');
  }
  get doneDots(): Locator {
    return this.panel.getByRole('list', { name: 'Progress' }).getByRole('button', { name: /\(done\)$/ });
  }
  /** The step the learner is on (its list item). */
  get currentStep(): Locator {
    return this.panel.locator('.ls-steps > li[aria-current=step]');
  }
  get doneSteps(): Locator {
    return this.panel.locator('.ls-steps > li.ls-step-done');
  }
  get result(): Locator {
    return this.panel.locator('.lab-result');
  }
  button(name: string): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }
  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.toggle.click();
    await expect(this.panel).toBeVisible();
  }
  /** Steps done so far (waits for the auto-check). */
  async expectDone(n: number): Promise<void> {
    await expect(this.doneSteps).toHaveCount(n);
  }
  /** "Do it for me" on the current step, then waits for the step to be ticked. */
  async doIt(doneAfter: number): Promise<void> {
    await this.button('Do it for me').click();
    await this.expectDone(doneAfter);
  }
  async next(title: RegExp): Promise<void> {
    await this.button('Next').click();
    await expect(this.title).toHaveText(title);
    await this.expectDone(0);
  }
}

test('every lesson from start to end, and the progress survives a reload', async ({ ed, page }) => {
  test.setTimeout(120_000);
  const ls = new Lessons(page);
  await ls.open();
  await expect(ls.title).toHaveText('What a backing chain is');
  await ls.button('Start lesson').click();
  await ed.expectGraph([
    { address: 'vda[0]', id: '[1]' },
    { address: 'vda[1]', id: '[2]' },
    { address: 'vda[2]', id: '[3]' },
  ]);

  // 1. A read falls through to mid; a write lands in the top, and the next read stops there.
  await ls.button('Read block').click();
  await expect(ls.result).toContainText('Reading block 7: asking top.qcow2');
  // libvirt dialect: the label is the virsh address, mid is vda[2] (index 2).
  await expect(ls.result).toHaveText(/Block 7: not in top\.qcow2; found in mid\.qcow2 \(vda\[2\]\)\./);
  await expect(ed.node('vda[1]').locator('.sn-highlight')).toHaveCount(1);
  await ls.expectDone(1);
  await ls.button('Write block').click();
  await expect(ls.result).toHaveText(/Wrote block 7 into top\.qcow2 \(vda\[1\]\), the active layer/);
  await ls.button('Read block').click();
  await expect(ls.result).toHaveText(/Block 7: found in top\.qcow2 \(vda\[1\]\)\./);
  await expect(ls.complete).toBeVisible();
  await expect(ls.doneDots).toHaveCount(1);

  // 2. Ids: snapshot, snapshot, commit the middle one away, snapshot: id 1 is never reused.
  await ls.next(/Snapshots and node ids/);
  await ls.button('Check').click();
  await expect(ls.panel.getByRole('status').filter({ hasText: 'Not yet.' })).toBeVisible();
  for (let i = 1; i <= 4; i++) await ls.doIt(i);
  await ed.expectGraph([
    { address: 'vda[0]', id: '[3]' },
    { address: 'vda[1]', id: '[2]' },
    { address: 'vda[2]', id: '[0]' },
  ]);
  await expect(ls.complete).toBeVisible();

  // 3. Positions and ids, with real clicks: the trap (position 3), the right node (index 3), the dialect.
  await ls.next(/Two numbers/);
  await ed.clickNode('vda[3]');
  await ls.button('Check').click();
  await expect(ls.panel.getByRole('status').filter({ hasText: 'position #3, but its index is 1' })).toBeVisible();
  await ed.clickNode('vda[2]');
  await ls.expectDone(1);
  await ed.select('Dialect').selectOption('proposal');
  await ls.expectDone(2);
  await ed.clickNode('vda[3]');
  await expect(ls.complete).toBeVisible();

  // 4. Commit, pull, active commit.
  await ls.next(/Commit versus pull/);
  for (let i = 1; i <= 3; i++) await ls.doIt(i);
  await ed.expectGraph([{ address: 'vda[0]', id: '[1]' }]);
  await expect(ed.page.getByRole('region', { name: 'What happened' }).locator('.cp-message')).toContainText('Committed');
  await expect(ls.complete).toBeVisible();

  // 5. Shallow copy, full copy, cancelled copy (the counter moves, the tree does not).
  await ls.next(/Copy and pivot/);
  for (let i = 1; i <= 3; i++) await ls.doIt(i);
  await ed.expectGraph([{ address: 'vda[0]', id: '[4]' }]);
  await expect(ed.frame('vda')).toContainText('next [6]');
  await expect(ls.complete).toBeVisible();

  // 6. Voting, with the bench's own controls: outvoted, failed, strict threshold.
  await ls.next(/Quorum voting/);
  await ls.panel.getByRole('checkbox', { name: 'vda[2] corrupt' }).check();
  await ls.button('Read block').click();
  await expect(ls.result).toHaveText(/2 members agree.*outvoted/);
  await expect(ls.panel.locator('.vt-lit-corrupt')).toHaveCount(1);
  await ls.expectDone(1);
  await ls.panel.getByRole('checkbox', { name: 'vda[3] corrupt' }).check();
  await ls.button('Read block').click();
  await expect(ls.result).toHaveText(/Only 1 member agree.*fails/);
  await ls.expectDone(2);
  await ls.panel.getByRole('button', { name: 'Raise threshold' }).click();
  await expect(ls.panel.getByLabel('Threshold value')).toHaveText('3');
  await expect(ed.node('vda[0]').locator('.sn-vote')).toContainText('3 of 3');
  await ls.panel.getByRole('checkbox', { name: 'vda[3] corrupt' }).uncheck();
  await ls.button('Read block').click();
  await expect(ls.complete).toBeVisible();

  // 7. The design mail's three ways to snapshot a quorum.
  await ls.next(/three ways/);
  for (let i = 1; i <= 3; i++) await ls.doIt(i);
  await expect(ed.nodes).toHaveCount(9);
  await expect(ls.complete).toBeVisible();

  // 8. Node names, typed into the checker.
  await ls.next(/Node names/);
  const field = ls.panel.getByLabel('Candidate node-name');
  await field.fill('ide0-0-0[1]');
  await ls.button('Check name').click();
  await expect(ls.result).toContainText('is not a legal QEMU node-name');
  await expect(ls.result).toContainText("not '[', ']'");
  await ls.expectDone(1);
  await field.fill('libvirt-1-format');
  await field.press('Enter');
  await expect(ls.result).toContainText('is a legal QEMU node-name (16 of 31 bytes)');
  await expect(ls.complete).toBeVisible();
  await expect(ls.doneDots).toHaveCount(LESSON_COUNT);

  const stored = await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY);
  expect(JSON.parse(stored ?? 'null')).toMatchObject({ format: 'strata-lessons', version: 1, open: true, current: 'node-names', started: true });

  await page.reload();
  await expect(ls.panel).toBeVisible();
  await expect(ls.title).toHaveText(/Node names/);
  await expect(ls.doneDots).toHaveCount(LESSON_COUNT);
  await expect(ls.complete).toBeVisible();
});

test('a reload in the middle of a lesson keeps the step; Reset starts it again', async ({ ed, page }) => {
  const ls = new Lessons(page);
  await ls.open();
  await ls.panel.getByRole('button', { name: /^Lesson 2:/ }).click();
  await expect(ls.title).toHaveText(/Snapshots and node ids/);
  await ls.doIt(1);
  await ed.expectGraph([
    { address: 'vda[0]', id: '[1]' },
    { address: 'vda[1]', id: '[0]' },
  ]);
  // Autosave is debounced: wait until the session holds the snapshot before reloading.
  await expect.poll(async () => JSON.stringify(await ed.storedSession())).toContain("node='[1]'");
  await page.reload();
  await expect(ls.panel).toBeVisible();
  await ls.expectDone(1);
  await expect(ed.nodes).toHaveCount(2);
  await ls.button('Reset').click();
  await ls.expectDone(0);
  await ed.expectGraph([{ address: 'vda[0]', id: '[0]' }]);
  // The lesson's load is one undo step: Undo brings back the document from before.
  await ed.button('Undo').click();
  await expect(ed.nodes).toHaveCount(2);
});

test('corrupt stored progress is ignored, with a working panel', async ({ unopened: ed, page }) => {
  await page.addInitScript((k) => {
    if (sessionStorage.getItem('__e2e_lessons') === null) {
      localStorage.clear();
      localStorage.setItem(k, '{"format":"strata-lessons","version":1,"current":');
      sessionStorage.setItem('__e2e_lessons', '1');
    }
  }, PROGRESS_KEY);
  await ed.open({ clean: false });
  const ls = new Lessons(page);
  await ls.open();
  await expect(ls.title).toHaveText('What a backing chain is');
  await expect(ls.doneDots).toHaveCount(0);
  await ls.button('Start lesson').click();
  await ls.doIt(1);
});

test('the glossary opens from the legend and from a term in a lesson', async ({ ed, page }) => {
  const ls = new Lessons(page);
  const glossary = page.getByRole('dialog', { name: 'Glossary' });
  await ed.legend.getByRole('button', { name: 'Glossary' }).click();
  await expect(glossary).toBeVisible();
  await expect(glossary.locator('dt')).toContainText(['backing chain', 'threshold', 'pivot', 'node-name']);
  await page.keyboard.press('Escape');
  await expect(glossary).toBeHidden();

  await ls.open();
  await ls.button('Start lesson').click();
  await ls.panel.getByRole('button', { name: 'backing chain', exact: true }).click();
  await expect(glossary.locator('.glossary-focus dt')).toHaveText('backing chain');
  await glossary.locator('.glossary-focus').getByRole('button', { name: 'overlay', exact: true }).click();
  await expect(glossary.locator('.glossary-focus dt')).toHaveText('overlay');
  await glossary.getByRole('searchbox', { name: 'Filter the glossary' }).fill('quorum');
  await expect(glossary.locator('dt', { hasText: /^quorum$/ })).toBeVisible();
  await expect(glossary.locator('dt', { hasText: /^pivot$/ })).toHaveCount(0);
  await glossary.getByRole('button', { name: 'Close the glossary' }).click();
  await expect(glossary).toBeHidden();
});
