import { RunQueue } from '../queue/run-queue';
import { createDatabasePool } from './database-pool';
import { type MigrationResult, migrateDatabase } from './migrate';

/** `aime db migrate`: the service's tables, then pg-boss's schema and the run queue. */
export async function migrateServiceDatabase(url: string): Promise<MigrationResult> {
  const pool = createDatabasePool({ url, applicationName: 'aime-migrate', max: 2 });
  try {
    const result = await migrateDatabase(pool);
    await RunQueue.install(url);
    return result;
  } finally {
    await pool.end();
  }
}

/** The one-line outcome `aime db migrate` prints. */
export function describeMigration(result: MigrationResult): string {
  return result.applied.length > 0
    ? `Applied migrations ${result.applied.join(', ')}: schema at version ${result.version}`
    : `Schema already at version ${result.version}: nothing to apply`;
}
