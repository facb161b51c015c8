import { afterAll, afterEach, beforeAll } from 'vitest';
import { migrateServiceDatabase } from '../../db/migrate-database';
import { createTestApp, type TestApp, type TestAppOptions } from '../test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface ScaleOutAppOptions extends Omit<TestAppOptions, 'scaleOut'> {
  /** Whether this replica executes runs (AIME_WORKER); default true. */
  worker?: boolean;
}

/**
 * For a test file of scale-out servers: one migrated database for the file, dropped after it, and
 * `scaleOutApp(options)` to start a server on it — cleaned up after each test.
 */
export function useScaleOutApps(): {
  scaleOutApp: (options?: ScaleOutAppOptions) => Promise<TestApp>;
  databaseUrl: () => string;
} {
  let database: TestDatabase | undefined;
  const harnesses: TestApp[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateServiceDatabase(database.url);
  });
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.cleanup();
  });
  afterAll(async () => {
    await database?.drop();
  });
  const started = (): TestDatabase => {
    if (!database) throw new Error('useScaleOutApps: the database starts in beforeAll');
    return database;
  };
  return {
    databaseUrl: () => started().url,
    async scaleOutApp({ worker = true, ...options } = {}) {
      const harness = await createTestApp({ ...options, scaleOut: { databaseUrl: started().url, worker } });
      harnesses.push(harness);
      return harness;
    },
  };
}
