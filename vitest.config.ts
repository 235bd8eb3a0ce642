import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Tests by level: `unit` (pure, milliseconds), `int` (one package with its
 * real database: SQLite and a throwaway PostgreSQL), `e2e` (the whole
 * federation over HTTP, compiled processes, PostgreSQL).
 */
export default defineConfig({
  resolve: {
    // One graphql (and one graphql-scalars, whose Date type the kit shares): test code gets the CommonJS
    // build the compiled packages require (no dual-package instances).
    alias: [
      { find: /^graphql$/, replacement: require.resolve('graphql') },
      { find: /^graphql-scalars$/, replacement: require.resolve('graphql-scalars') },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'subgraphs/*/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
            'auth/src/**/*.test.ts',
            'audit-store/src/**/*.test.ts',
            'composition/src/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'console/src/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['subgraphs/*/src/**/*.int.test.ts', 'gateway/src/**/*.int.test.ts', 'audit-store/src/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          globalSetup: ['test/support/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The deployment: the image recipe, the compose file, the Helm chart (lint, render, schema
          // validation, policy) and the alert rules (promtool), with tools provisioned and cached.
          name: 'deploy',
          include: ['test/deploy/**/*.test.ts'],
          globalSetup: ['test/support/deploy-tools-global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/federation-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
