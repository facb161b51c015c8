import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { stopPostgresCluster } from '../../apps/server/src/test-support/postgres/postgres-cluster';
import { removeOrphanedSuites } from './orphaned-suites';

/**
 * Vitest global setup: a state directory in which the first test file that needs PostgreSQL (and
 * finds no AIME_TEST_DATABASE_URL) starts one cluster for the whole run; stopped and removed here.
 * Runs that touch no database start nothing. Suites of killed runs are cleaned up first.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Clusters of runs that were killed (SIGKILL, a timeout) keep running: stop them first.
  await removeOrphanedSuites();
  const stateDirectory = await mkdtemp(join(tmpdir(), 'aime-test-postgres-'));
  // The cluster runs as the `postgres` user, who must be able to reach its directory inside this one.
  await chmod(stateDirectory, 0o711);
  project.provide('postgresStateDirectory', stateDirectory);
  return async () => {
    await stopPostgresCluster(join(stateDirectory, 'cluster'));
    await rm(stateDirectory, { recursive: true, force: true });
  };
}
