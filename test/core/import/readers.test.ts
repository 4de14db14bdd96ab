/**
 * The readers on saved outputs of the real tools (test/core/import/fixtures/,
 * written by capture.ts, paths under /var/lib/libvirt/images): the same
 * checks real.test.ts runs live, in milliseconds and without the tools.
 */
import { describe, it } from 'vitest';
import { CASES } from './cases';
import { FAKE_DIR, fixtures } from './fixtures';

const ctx = { outputs: fixtures(), imgDir: FAKE_DIR, qmpDir: FAKE_DIR };

describe('import of saved tool outputs', () => {
  for (const c of CASES) it(c.name, () => c.check(ctx));
});
