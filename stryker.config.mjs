/**
 * On-demand mutation check of the workspace sandbox, write_file, the GEPA engine, the judge and the
 * offline judge's rules: `pnpm mutation` (docs/hardening.md). StrykerJS 9 (10 needs Node 22) with the
 * Vitest runner, run against the tests of those folders only (vitest.mutation.config.ts). Not part of
 * `.ci/run`: it takes far longer than the suite.
 * Narrow it with `pnpm mutation --mutate packages/core/src/optimizer/gepa/merge.ts`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'packages/core/src/tools/workspace/**/*.ts',
    'packages/core/src/tools/builtin/write-file.ts',
    'packages/core/src/optimizer/gepa/**/*.ts',
    'packages/core/src/judge/**/*.ts',
    'packages/offline-model/src/skills/aime-judge-rules.ts',
    '!**/judge-test-support.ts',
    '!**/*.test.ts',
  ],
  // Stryker rewrites tsconfig.json in its sandbox through the TypeScript JS API, which TypeScript 7
  // (native) no longer ships; Vitest does not need the file, so no tsconfig is handed to Stryker.
  tsconfigFile: '',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
