import type pg from 'pg';
import { ADVISORY_LOCK_NAMESPACE } from '../../db/database-pool';
import type { RunQueuedRecord } from '../run-log-record';

export interface ClaimedRun {
  /** Events of earlier attempts end at this seq; this attempt's events follow it. */
  lastSeq: number;
  queued: RunQueuedRecord;
}

/**
 * Takes a queued run for one attempt: only the job of the run's current attempt, only while it is
 * queued and not cancelled. Row-locked, so a cancel and a claim never both win.
 */
export async function claimRun(
  pool: pg.Pool,
  runId: string,
  attempt: number,
  workerId: string,
): Promise<ClaimedRun | undefined> {
  const result = await pool.query<{ last_seq: number; queued_record: RunQueuedRecord }>(
    `update aime.runs set status = 'running', worker_id = $3, updated_at = now()
     where id = $1 and attempt = $2 and status = 'queued' and not cancel_requested
     returning last_seq, queued_record`,
    [runId, attempt, workerId],
  );
  const row = result.rows[0];
  return row ? { lastSeq: row.last_seq, queued: row.queued_record } : undefined;
}

/** Flags the run cancelled; answers its status at that moment (undefined: no such run). */
export async function flagCancel(pool: pg.Pool, runId: string): Promise<string | undefined> {
  const result = await pool.query<{ status: string }>(
    'update aime.runs set cancel_requested = true, updated_at = now() where id = $1 returning status',
    [runId],
  );
  return result.rows[0]?.status;
}

/** Of these runs, the ones flagged cancelled (a worker's fallback for a missed NOTIFY). */
export async function cancelledRunIds(pool: pg.Pool, runIds: readonly string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const result = await pool.query<{ id: string }>(
    'select id from aime.runs where id = any($1::text[]) and cancel_requested',
    [runIds],
  );
  return result.rows.map((row) => row.id);
}

/**
 * Running runs whose worker is gone: its session (and with it the advisory lock it held while
 * alive) ended — SIGKILL, crash, lost network. Checked against `pg_locks`, so no heartbeat to tune.
 */
export async function orphanedRuns(pool: pg.Pool): Promise<Array<{ id: string; attempt: number }>> {
  const result = await pool.query<{ id: string; attempt: number }>(
    `select r.id, r.attempt from aime.runs r
     where r.status = 'running' and not exists (
       select 1 from aime.workers w join pg_locks l
         on l.locktype = 'advisory' and l.granted and l.objsubid = 2
        and l.classid = $1::oid and l.objid = w.lock_key::oid
       where w.id = r.worker_id)`,
    [ADVISORY_LOCK_NAMESPACE],
  );
  return result.rows;
}

/** Workers whose session is alive, with their concurrency. */
export async function liveWorkers(pool: pg.Pool): Promise<{ count: number; slots: number }> {
  const result = await pool.query<{ count: string; slots: string | null }>(
    `select count(*) as count, sum(w.concurrency) as slots from aime.workers w join pg_locks l
       on l.locktype = 'advisory' and l.granted and l.objsubid = 2
      and l.classid = $1::oid and l.objid = w.lock_key::oid`,
    [ADVISORY_LOCK_NAMESPACE],
  );
  return { count: Number(result.rows[0]?.count ?? 0), slots: Number(result.rows[0]?.slots ?? 0) };
}

/** Puts an interrupted run back in the queue as its next attempt; false when no attempt is left. */
export async function reopenForRetry(
  client: pg.PoolClient,
  runId: string,
  attempt: number,
  maxAttempts: number,
): Promise<boolean> {
  const result = await client.query(
    `update aime.runs set attempt = attempt + 1, status = 'queued', worker_id = null, updated_at = now()
     where id = $1 and attempt = $2 and status = 'interrupted' and attempt < $3 and not cancel_requested`,
    [runId, attempt, maxAttempts],
  );
  return result.rowCount === 1;
}

export interface ChangedRuns {
  runs: Array<{ id: string; lastSeq: number }>;
  /** Pass back as `since` next time (database clock, with a margin for statements still committing). */
  next: Date;
}

/** Runs changed since `since` (all when undefined): a replica catching up after a lost connection. */
export async function runsChangedSince(pool: pg.Pool, since: Date | undefined): Promise<ChangedRuns> {
  const result = await pool.query<{ id: string | null; last_seq: number | null; next: Date }>(
    `select r.id, r.last_seq, clock_timestamp() - interval '10 seconds' as next
     from (select 1) as one left join aime.runs r on $1::timestamptz is null or r.updated_at >= $1`,
    [since ?? null],
  );
  const next = result.rows[0]?.next ?? new Date(0);
  const runs = result.rows.flatMap((row) => (row.id === null ? [] : [{ id: row.id, lastSeq: row.last_seq ?? 0 }]));
  return { runs, next };
}
