import { existsSync } from 'node:fs';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDatabaseOn, type TestDatabase } from './create-database';
import { startPostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Shared by the test files of one vitest run: the lazily started PostgreSQL cluster's state. */
    postgresStateDirectory: string;
  }
}

const CLUSTER_START_TIMEOUT_MS = 120_000;

export type { TestDatabase } from './create-database';

/**
 * The server tests create their databases on: `AIME_TEST_DATABASE_URL` (what `.ci/run` exports),
 * else — outside CI — one cluster started on first use and shared by the run's test files (the
 * global setup stops it). In CI a missing URL is an error, never a skip.
 */
export async function testServerUrl(): Promise<string> {
  const explicit = process.env.AIME_TEST_DATABASE_URL;
  if (explicit) return explicit;
  if (process.env.CI === 'true') {
    throw new Error(
      'CI=true but AIME_TEST_DATABASE_URL is not set: .ci/run starts a PostgreSQL cluster and exports it',
    );
  }
  return sharedClusterUrl(inject('postgresStateDirectory'));
}

/** A fresh database (dropped by `drop`) so that test files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return createDatabaseOn(await testServerUrl());
}

async function sharedClusterUrl(stateDirectory: string): Promise<string> {
  const urlFile = join(stateDirectory, 'url');
  const errorFile = join(stateDirectory, 'error');
  const claimed = await open(join(stateDirectory, 'starting'), 'wx').then(
    async (handle) => {
      await handle.close();
      return true;
    },
    () => false,
  );
  if (claimed) {
    try {
      const cluster = await startPostgresCluster(join(stateDirectory, 'cluster'));
      await writeFile(`${urlFile}.tmp`, cluster.url);
      await rename(`${urlFile}.tmp`, urlFile);
    } catch (error) {
      await writeFile(errorFile, error instanceof Error ? error.message : String(error));
    }
  }
  const deadline = Date.now() + CLUSTER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (existsSync(urlFile)) return (await readFile(urlFile, 'utf8')).trim();
    if (existsSync(errorFile)) throw new Error(`no PostgreSQL for the tests: ${await readFile(errorFile, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the shared test PostgreSQL cluster did not start within 2 minutes');
}
