// Sums test counts from the JSON reports the suites wrote (vitest, playwright) and prints the
// plain closing line CI reads. A failed step that produced no report (typecheck, lint) counts as one
// failure so that a red run never prints "0 failed".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [directory, exitStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;

const vitestFile = join(directory, 'vitest.json');
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}
const playwrightFile = join(directory, 'playwright.json');
if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
  failed += report.stats?.unexpected ?? 0;
}
if (Number(exitStatus) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
