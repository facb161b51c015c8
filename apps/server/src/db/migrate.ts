import type pg from 'pg';
import { SchemaVersionError } from '../errors/schema-version-error';
import { ADVISORY_LOCK_NAMESPACE, AIME_SCHEMA, inTransaction, MIGRATION_LOCK_KEY } from './database-pool';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';

export interface MigrationResult {
  /** Versions applied by this call, in order (empty when the schema was current). */
  applied: number[];
  version: number;
}

/**
 * Applies the missing migrations in order, each recorded in `aime.schema_migrations`, all in one
 * transaction under an advisory lock (two `aime db migrate` at once: the second waits, then finds
 * nothing to do). Refuses a database already newer than this build.
 */
export async function migrateDatabase(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, MIGRATION_LOCK_KEY]);
    await client.query(`create schema if not exists ${AIME_SCHEMA}`);
    await client.query(
      `create table if not exists ${AIME_SCHEMA}.schema_migrations (
         version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const current = await appliedVersion(client);
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) throw new SchemaVersionError(current, latest);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query(`insert into ${AIME_SCHEMA}.schema_migrations (version, name) values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(current, latest) };
  });
}

/** The highest applied migration, 0 for an empty database. */
export async function schemaVersion(client: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await client.query<{ name: string | null }>('select to_regclass($1) as name', [
    `${AIME_SCHEMA}.schema_migrations`,
  ]);
  if (!exists.rows[0]?.name) return 0;
  return appliedVersion(client);
}

/** Servers and workers start only on the schema they were built for. */
export async function assertSchemaCurrent(pool: pg.Pool, expected = LATEST_SCHEMA_VERSION): Promise<void> {
  const current = await schemaVersion(pool);
  if (current !== expected) throw new SchemaVersionError(current, expected);
}

async function appliedVersion(client: pg.Pool | pg.PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    `select max(version) as version from ${AIME_SCHEMA}.schema_migrations`,
  );
  return result.rows[0]?.version ?? 0;
}
