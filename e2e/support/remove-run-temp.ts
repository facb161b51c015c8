import { rmSync } from 'node:fs';

/** Playwright global teardown: the run's temporary directory (see playwright.config.ts) goes. */
export default function removeRunTemp(): void {
  const directory = process.env.AIME_E2E_TMPDIR;
  if (directory) rmSync(directory, { recursive: true, force: true });
}
