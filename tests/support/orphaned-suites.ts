import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../../apps/server/src/runs/process-start';
import { stopPostgresCluster } from '../../apps/server/src/test-support/postgres/postgres-cluster';

/** In every run's `/tmp/aime-suite-*` directory: the pid of the Vitest process that made it. */
export const SUITE_OWNER_FILE = 'owner.pid';

const SYSTEM_TEMP = '/tmp';

/**
 * The suite directories of earlier runs that were killed before their teardown (their owner
 * process is gone): their PostgreSQL clusters are stopped and the directories removed. Directories
 * without an owner file, or whose owner still runs (another suite at the same time), are left alone.
 */
export async function removeOrphanedSuites(temporaryRoot = SYSTEM_TEMP): Promise<string[]> {
  const removed: string[] = [];
  for (const name of readdirSync(temporaryRoot).filter((entry) => entry.startsWith('aime-suite-'))) {
    const suite = join(temporaryRoot, name);
    const ownerFile = join(suite, SUITE_OWNER_FILE);
    if (!existsSync(ownerFile)) continue;
    const owner = Number(readFileSync(ownerFile, 'utf8').trim());
    if (!Number.isInteger(owner) || owner <= 0 || isProcessAlive(owner)) continue;
    for (const state of readdirSync(suite).filter((entry) => entry.startsWith('aime-test-postgres-'))) {
      await stopPostgresCluster(join(suite, state, 'cluster'));
    }
    await rm(suite, { recursive: true, force: true });
    removed.push(suite);
  }
  return removed;
}
