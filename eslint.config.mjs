// @ts-check
/**
 * One lint configuration for the whole tree: ESLint's and typescript-eslint's
 * recommended rules, plus the few habits of conventions.md a machine can check
 * (no `any`, no non-null assertion, no console output in library code).
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Command-line tools and scripts talk to their user on the terminal.
    files: [
      'scripts/**',
      'load-tests/**',
      '**/*-cli.ts',
      '**/cli.ts',
      'audit-store/src/cli-reports.ts',
      'console/build.mjs',
      'console/server/console-cli.mjs',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests state what they expect of a value they just checked, and report progress on the terminal.
    files: ['**/*.test.ts', 'test/**', '**/__tests__/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
  {
    // The web consoles run in the browser.
    files: ['console/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // k6 runs these in its own JavaScript runtime, with its own globals.
    files: ['load-tests/k6/**', 'load-tests/bench/k6/**'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly', open: 'readonly' } },
  },
);
