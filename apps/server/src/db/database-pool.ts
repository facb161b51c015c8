import pg from 'pg';

/** The schema holding the service's tables (pg-boss keeps its own, `pgboss`). */
export const AIME_SCHEMA = 'aime';

/** First key of every advisory lock the service takes (`'AIME'` as an int4), so it shares none with others. */
export const ADVISORY_LOCK_NAMESPACE = 0x41494d45;

/** Advisory lock keys within the namespace. Worker liveness locks use the workers' own `lock_key` (≥ 1). */
export const MIGRATION_LOCK_KEY = 0;

export interface DatabasePoolOptions {
  url: string;
  /** Shows in `pg_stat_activity` (e.g. `aime-server`, `aime-worker`). */
  applicationName: string;
  max?: number;
}

export function createDatabasePool(options: DatabasePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    application_name: options.applicationName,
    max: options.max ?? 10,
    // A database that does not answer fails a query after 5 s instead of queueing it forever.
    connectionTimeoutMillis: 5000,
  });
  // An idle client whose connection broke is dropped by the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `action` in a transaction on one pooled client (rolled back when it throws). */
export async function inTransaction<Result>(
  pool: pg.Pool,
  action: (client: pg.PoolClient) => Promise<Result>,
): Promise<Result> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await action(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
