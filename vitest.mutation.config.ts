import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of the workspace sandbox, the GEPA engine, the judge and
 * the offline judge's rules (`pnpm mutation`, see docs/hardening.md): the unit tests of those folders.
 * Their escape targets are canaries in temp dirs, so a mutant that breaks the sandbox fails tests and
 * damages nothing; the temp-dir guard stays on to prove it.
 */
export default defineConfig({
  test: {
    // Not tools/mcp: its tests start MCP servers, slow and beside the point for the sandbox.
    include: [
      'packages/core/src/tools/*.test.ts',
      'packages/core/src/tools/{workspace,builtin}/*.test.ts',
      'packages/core/src/optimizer/gepa/*.test.ts',
      'packages/core/src/judge/**/*.test.ts',
      // The offline model's unit tests (not its test/ folder: whole goals, slow): they judge aime-judge-rules.ts.
      'packages/offline-model/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    globalSetup: ['tests/support/guard-outside-temp-dirs.ts'],
  },
});
