/**
 * The architecture's boundaries hold by tool (docs/architecture.md): each
 * deliberate violation below is linted (or type-checked) as if it were the
 * text of a real file in the folder it would break, and must be refused by
 * the rule that guards it. The same code in an allowed place passes, so the
 * rules cannot pass by refusing everything.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for `code` as the content of `file` (a real file, so type-aware rules see it too). */
async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal.map((m) => m.message)).toEqual([]);
  return result!.messages.map((m) => m.ruleId ?? '');
}

describe('lint refuses a deliberate violation', () => {
  const cases: [string, string, string, string][] = [
    ['React in core', 'src/core/ops/types.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'no-restricted-imports'],
    ['zustand in core', 'src/core/ops/types.ts', "import { create } from 'zustand';\nexport const x = create;\n", 'no-restricted-imports'],
    ['the store in core', 'src/core/ops/types.ts', "import { useEditor } from '../../state/store';\nexport const x = useEditor;\n", 'no-restricted-imports'],
    ['Node in core', 'src/core/ops/types.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no-restricted-imports'],
    ['DOM in core', 'src/core/ops/types.ts', 'export const title = (): string => document.title;\n', 'no-restricted-globals'],
    ['React Flow in a non-graph view', 'src/views/xml/controller.ts', "import { ReactFlow } from '@xyflow/react';\nexport const x = ReactFlow;\n", 'no-restricted-imports'],
    ['a view in the store', 'src/state/dialogs.ts', "import { OP_TABS } from '../views/ops/tabs';\nexport const x = OP_TABS;\n", 'no-restricted-imports'],
    ['the store in the CLI', 'src/cli/main.ts', "import { useEditor } from '../state/store';\nexport const x = useEditor;\n", 'no-restricted-imports'],
    ['a view writing the store past the gateway', 'src/views/Toolbar.tsx', "import { useEditor } from '../state/store';\nexport const x = () => useEditor.setState({ draft: false });\n", 'no-restricted-syntax'],
    ['a floating promise', 'src/core/ops/types.ts', 'async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}\n', '@typescript-eslint/no-floating-promises'],
  ];
  it.each(cases)('%s', async (_what, file, code, rule) => {
    expect(await rulesHit(file, code)).toContain(rule);
  }, 60_000);

  it('allows the same imports where they belong', async () => {
    expect(await rulesHit('src/views/graph/GraphView.tsx', "import { ReactFlow } from '@xyflow/react';\nexport const x = ReactFlow;\n")).toEqual([]);
    expect(await rulesHit('src/views/xml/controller.ts', "import { useEditor } from '../../state/store';\nexport const x = useEditor;\n")).toEqual([]);
    expect(await rulesHit('src/core/ops/types.ts', "import { rules } from '../dialect/rules';\nexport const x = rules;\n")).toEqual([]);
  }, 60_000);
});

describe('check-cycles refuses a folder circle', () => {
  const script = join(ROOT, 'scripts/check-cycles.mjs');
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-cycles-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tree = (files: Record<string, string>): string => {
    const root = mkdtempSync(join(dir, 'src-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };

  it('two folders importing each other fail, with the import lines named', () => {
    const root = tree({
      'core/model/a.ts': "import { b } from '../numbers/b';\nexport const a = b;\n",
      'core/numbers/b.ts': "import { c } from '../model/c';\nexport const b = c;\n",
      'core/model/c.ts': 'export const c = 1;\n',
    });
    const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('core/model, core/numbers');
    expect(r.stderr).toContain("core/numbers/b.ts: import { c } from '../model/c'");
  });

  it('the same files without the circle pass', () => {
    const root = tree({
      'core/model/a.ts': "import { b } from '../numbers/b';\nexport const a = b;\n",
      'core/numbers/b.ts': 'export const b = 1;\n',
    });
    const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    expect(r.status).toBe(0);
  });

  it('the real src has none', () => {
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8' })).toMatch(/no import cycles between the \d+ folders/);
  });
});

describe('the core type-checks without the DOM', () => {
  it('a `document` in core fails tsconfig.core.json; the same file without it passes', () => {
    // Inside the project (tsc resolves the core's imports from there); test-results/ is absent in a fresh clone.
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'test-results', 'core-dom-'));
    try {
      const check = (code: string) => {
        writeFileSync(join(dir, 'probe.ts'), code);
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.core.json'), include: [], files: [join(dir, 'probe.ts'), join(ROOT, 'types/core-platform.d.ts')] }));
        return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit'], { encoding: 'utf8' });
      };
      const bad = check('export const title = (): string => document.title;\n');
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toContain("Cannot find name 'document'");
      expect(check('export const title = (): string => new TextDecoder().decode(new Uint8Array([65]));\n').status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
