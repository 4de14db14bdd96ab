// ESLint flat config. typescript-eslint "recommended", type-aware where it
// catches real bugs (floating promises in src/), React hooks rules where
// components live, and the architecture's boundaries (docs/architecture.md)
// as import rules, so they hold by tool, not by habit. Folder import cycles
// are checked by scripts/check-cycles.mjs (also part of `npm run lint`).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages and folders only the views may use. */
const UI_ONLY = ['react', 'react-dom', 'react-dom/*', '@xyflow/*', '@codemirror/*', '@lezer/*', 'codemirror', 'zustand', 'zustand/*', 'zundo'];
const restrict = (patterns, message) => ({ patterns: patterns.map((group) => ({ group: [group], message })) });

export default defineConfig([
  globalIgnores(['dist', 'node_modules', 'playwright-report', 'test-results', 'scratch', 'coverage']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Plain JS files (scripts, bin, this config) run in Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['src/views/**/*.{ts,tsx}', 'src/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // The core is pure TypeScript: no UI library, no store, no views, no Node, no DOM
    // (DOM globals are also caught by tsconfig.core.json, which has no DOM lib).
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', restrict([...UI_ONLY, '**/state/**', '**/views/**', '**/cli/**', 'node:*'], 'src/core is pure: no UI, store, views, CLI or Node imports (docs/architecture.md).')],
      'no-restricted-globals': ['error', ...['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'fetch', 'process'].map((name) => ({ name, message: 'src/core runs in Node, the browser and a worker alike: no platform globals.' }))],
    },
  },
  {
    // Only the graph view imports React Flow.
    files: ['src/views/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/*.tsx'],
    ignores: ['src/views/graph/**'],
    rules: { 'no-restricted-imports': ['error', restrict(['@xyflow/*'], 'Only src/views/graph imports React Flow (docs/architecture.md).')] },
  },
  {
    // Views change the store through its functions (perform, loadDocument, ...), never by writing it.
    files: ['src/views/**/*.{ts,tsx}', 'src/*.tsx'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='useEditor'][property.name=/^(setState|temporal)$/]", message: 'Change the document through perform() (src/state/store.ts), the one gateway.' }],
    },
  },
  {
    // The store knows nothing of the views.
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', restrict(['**/views/**', '@xyflow/*', '@codemirror/*'], 'src/state must not import views (docs/architecture.md).')] },
  },
  {
    // The CLI runs in Node on the core alone.
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', restrict([...UI_ONLY, '**/state/**', '**/views/**'], 'src/cli uses the core only: no views, no store (docs/architecture.md).')] },
  },
  {
    rules: {
      // Allow intentionally unused names when prefixed with "_".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
]);
