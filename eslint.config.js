// ESLint flat config. typescript-eslint "recommended" (no type information,
// for speed); React hooks rules only where React components live.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/views/**/*.{ts,tsx}', 'src/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    rules: {
      // Allow intentionally unused names when prefixed with "_".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
]);
