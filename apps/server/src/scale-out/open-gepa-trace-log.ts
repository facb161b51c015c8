import { createDatabasePool } from '../db/database-pool';
import { assertSchemaCurrent } from '../db/migrate';
import { PostgresGEPATraceLog } from '../gepa/postgres-gepa-trace-log';
import type { RunManagerLogger } from '../runs/run-observer';

export interface OpenedGEPATraceLog {
  log: PostgresGEPATraceLog;
  close(): Promise<void>;
}

/**
 * Online GEPA's shared log for a server or worker of the scale-out mode: its own small pool (a
 * decision step may hold a connection while the reflection model answers) and listening
 * connection. Refuses an unmigrated or newer schema like the run store does.
 */
export async function openGEPATraceLog(options: {
  url: string;
  applicationName: string;
  logger: RunManagerLogger;
  /** Follow other writers' appends (default true; a one-shot command needs no listening connection). */
  listen?: boolean;
}): Promise<OpenedGEPATraceLog> {
  const applicationName = `${options.applicationName}-gepa`;
  const pool = createDatabasePool({ url: options.url, applicationName, max: 2 });
  try {
    await assertSchemaCurrent(pool);
    const log = new PostgresGEPATraceLog({
      pool,
      applicationName,
      logger: options.logger,
      ...(options.listen === false ? {} : { url: options.url }),
    });
    await log.start();
    return {
      log,
      close: async () => {
        await log.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
