import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOrphanedSuites, SUITE_OWNER_FILE } from './orphaned-suites';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function suite(root: string, name: string, owner: number | undefined): string {
  const directory = join(root, name);
  mkdirSync(join(directory, 'aime-test-postgres-x'), { recursive: true });
  if (owner !== undefined) writeFileSync(join(directory, SUITE_OWNER_FILE), String(owner));
  return directory;
}

describe('removeOrphanedSuites (global setup)', () => {
  it('removes the suite directories of runs whose process is gone, and only those', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aime-orphans-'));
    roots.push(root);
    const finished = spawnSync(process.execPath, ['-e', '']);
    expect(finished.status).toBe(0);
    const orphaned = suite(root, 'aime-suite-killed', finished.pid);
    const running = suite(root, 'aime-suite-running', process.pid);
    const unknown = suite(root, 'aime-suite-legacy', undefined);
    const other = suite(root, 'not-a-suite', finished.pid);

    expect(await removeOrphanedSuites(root)).toEqual([orphaned]);
    expect(existsSync(orphaned)).toBe(false);
    for (const kept of [running, unknown, other]) expect(existsSync(kept)).toBe(true);
  });
});
