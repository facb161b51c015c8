import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const reportDirectory = process.env.AIME_TEST_REPORT_DIR;

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // The temp-dir guard first: its TMPDIR applies to the others, and its teardown (reverse order) runs last.
    globalSetup: [
      'tests/support/guard-outside-temp-dirs.ts',
      'tests/support/guard-project-traces.ts',
      'tests/support/postgres-global-setup.ts',
    ],
    reporters: reportDirectory ? ['default', 'json'] : ['default'],
    outputFile: reportDirectory ? { json: join(reportDirectory, 'vitest.json') } : undefined,
  },
});
