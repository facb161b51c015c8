import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { isolatedConfigDirectory } from './support/isolated-config';
import { freePortSync } from './support/processes';

/** A system Chromium (Debian's) when present; Playwright's own browser elsewhere. */
const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => Boolean(path && existsSync(path)),
);
const reportDirectory = process.env.AIME_TEST_REPORT_DIR;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// Set once in the runner process; workers inherit the environment, so they agree on all three.
// One temporary directory for the whole run: TMPDIR points into it, so the specs' own temp dirs
// and the servers they start land there too, and the global teardown removes it.
process.env.AIME_E2E_TMPDIR ??= mkdtempSync(join(tmpdir(), 'aime-e2e-'));
process.env.TMPDIR = process.env.AIME_E2E_TMPDIR;
// A free port unless one is given, so two test runs on one machine do not collide.
process.env.AIME_E2E_PORT ??= String(freePortSync());
process.env.AIME_E2E_TRACES_DIR ??= mkdtempSync(join(process.env.AIME_E2E_TMPDIR, 'traces-'));
const tracesDirectory = process.env.AIME_E2E_TRACES_DIR;
const port = Number(process.env.AIME_E2E_PORT);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: join(repoRoot, 'test-results'),
  globalTeardown: './support/remove-run-temp.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: reportDirectory
    ? [['list'], ['json', { outputFile: join(reportDirectory, 'playwright.json') }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // The real service: the one build, then the bundled server with the offline model, a fresh
  // traces directory (run logs and GEPA history) and this repository as the workspace its file
  // tools read.
  webServer: {
    command: 'pnpm build && node apps/server/dist/server.js',
    cwd: repoRoot,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      AIME_PORT: String(port),
      AIME_HOST: '127.0.0.1',
      AIME_TRACES_DIR: tracesDirectory,
      AIME_CONFIG_DIR: isolatedConfigDirectory(tracesDirectory),
      AIME_WORKSPACE: repoRoot,
      AIME_PROVIDER: 'offline',
    },
  },
});
