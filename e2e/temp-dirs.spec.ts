import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { expect, test } from '@playwright/test';

test("the browser tests keep every temporary file in the run's own directory, which the teardown removes", () => {
  const runDirectory = process.env.AIME_E2E_TMPDIR;
  expect(runDirectory).toMatch(/aime-e2e-[^/]+$/);
  expect(tmpdir()).toBe(runDirectory);
  expect(dirname(process.env.AIME_E2E_TRACES_DIR ?? '')).toBe(runDirectory);
});
