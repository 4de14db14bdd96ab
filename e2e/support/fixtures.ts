/**
 * The e2e set-up, once: every spec imports `test` and `expect` from here.
 * A test asks for what it needs and gets it ready:
 * - `ed`: the editor, opened on a clean origin (`ed.open()`: storage cleared
 *   once per context, the first graph drawn);
 * - `ops`: the operations UI of that editor;
 * - `unopened`: the same editor before it is opened, for tests that set up
 *   the page first (seed storage, size the viewport, add an init script) and
 *   then open it themselves (`ed.open(...)` or `page.goto('/')`).
 * After each test that used the editor, its page must have thrown no
 * uncaught error.
 */
import { test as base, expect } from '@playwright/test';
import { Editor } from './editor';
import { Ops } from './ops';

export interface EditorFixtures {
  /** The editor on `page`, opened on a clean origin. */
  ed: Editor;
  /** The operations menu, dialog and "What happened" panel of `ed`. */
  ops: Ops;
  /** The editor on `page`, not opened yet. */
  unopened: Editor;
}

export const test = base.extend<EditorFixtures>({
  unopened: async ({ page }, use) => {
    const ed = new Editor(page);
    await use(ed);
    expect(ed.errors, 'uncaught page errors').toEqual([]);
  },
  ed: async ({ unopened }, use) => {
    await unopened.open();
    await use(unopened);
  },
  ops: async ({ ed }, use) => {
    await use(new Ops(ed));
  },
});

export { expect };
