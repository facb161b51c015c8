import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres/test-database';
import { createDatabasePool } from './database-pool';
import { assertSchemaCurrent, migrateDatabase, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createDatabasePool({ url: database.url, applicationName: 'aime-migrate-test' });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('migrateDatabase', () => {
  it('numbers the migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('refuses to serve an empty database, naming the command that fixes it', async () => {
    expect(await schemaVersion(pool)).toBe(0);
    await expect(assertSchemaCurrent(pool)).rejects.toMatchObject({
      code: 'schema_outdated',
      message: expect.stringContaining('aime db migrate'),
    });
  });

  it('migrates up from empty, twice at once without harm, then finds nothing to do', async () => {
    const [first, second] = await Promise.all([migrateDatabase(pool), migrateDatabase(pool)]);
    const applied = [...(first?.applied ?? []), ...(second?.applied ?? [])];
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.version));
    await expect(assertSchemaCurrent(pool)).resolves.toBeUndefined();
    expect(await migrateDatabase(pool)).toEqual({ applied: [], version: LATEST_SCHEMA_VERSION });
    const tables = await pool.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'aime' order by 1",
    );
    expect(tables.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['gepa_records', 'gepa_state', 'run_events', 'runs', 'workers']),
    );
  });

  it('refuses a schema newer than this build (servers and migrate alike)', async () => {
    await pool.query("insert into aime.schema_migrations (version, name) values (999, 'from the future')");
    await expect(assertSchemaCurrent(pool)).rejects.toMatchObject({ code: 'schema_newer' });
    await expect(migrateDatabase(pool)).rejects.toMatchObject({ code: 'schema_newer' });
    await pool.query('delete from aime.schema_migrations where version = 999');
  });
});
