import type { RunEvent } from '@gepa-aime/core';
import type pg from 'pg';
import { assertSchemaCurrent } from '../../db/migrate';
import { EventSequenceError } from '../../errors/event-sequence-error';
import { KeyedChain } from '../keyed-chain';
import type { RunLogRecord, RunQueuedRecord } from '../run-log-record';
import { isValidRunId, type RunRecords, type RunStore } from '../run-store';
import { RUN_EVENTS_CHANNEL, type RunNotification } from './run-notifications';

export interface AppendGuard {
  /** Store the event only while the run is at this attempt (a worker that lost its run cannot write). */
  attempt?: number;
}

/** The `runs.status` column after an event: set by run-start and run-end only. */
function statusAfter(event: RunEvent): string | null {
  if (event.type === 'run-start') return 'running';
  if (event.type === 'run-end') return event.status;
  return null;
}

const APPEND_EVENT = `
with advanced as (
  update aime.runs set last_seq = $2, status = coalesce($3, status), updated_at = now()
  where id = $1 and last_seq = $2 - 1 and ($6::integer is null or attempt = $6)
  returning attempt
), inserted as (
  insert into aime.run_events (run_id, seq, attempt, type, ts, event)
  select $1, $2, attempt, $4, $5, $7 from advanced
  returning seq
)
select pg_notify('${RUN_EVENTS_CHANNEL}', $8) from inserted`;

/**
 * Runs in `aime.runs`, events in `aime.run_events` keyed by `(run_id, seq)`. An event is stored by
 * one statement that advances the run's `last_seq` from `seq - 1` (so seqs stay contiguous and a
 * replay is refused), inserts the row and NOTIFYs every replica — all committed together, so a
 * listener that hears of seq N can read it.
 */
export class PostgresRunStore implements RunStore {
  /** Appends to one run are applied in call order, as with the log files (the pool has many connections). */
  private readonly writes = new KeyedChain();

  constructor(private readonly pool: pg.Pool) {}

  initialise(): Promise<void> {
    return assertSchemaCurrent(this.pool);
  }

  append(runId: string, record: RunLogRecord, guard: AppendGuard = {}): Promise<void> {
    if (!isValidRunId(runId)) return Promise.reject(new Error(`invalid run id: ${runId}`));
    if (record.type === 'run-queued') return this.writes.run(runId, () => this.insertRun(runId, record));
    return this.writes.run(runId, () => this.insertEvent(runId, record, guard));
  }

  private async insertEvent(runId: string, record: RunEvent, guard: AppendGuard): Promise<void> {
    const notification: RunNotification = { runId, seq: record.seq, at: Date.now() };
    const result = await this.pool.query(APPEND_EVENT, [
      runId,
      record.seq,
      statusAfter(record),
      record.type,
      record.ts,
      guard.attempt ?? null,
      JSON.stringify(record),
      JSON.stringify(notification),
    ]);
    if (result.rowCount === 1) return;
    const current = await this.pool.query<{ last_seq: number }>('select last_seq from aime.runs where id = $1', [
      runId,
    ]);
    throw new EventSequenceError(runId, record.seq, (current.rows[0]?.last_seq ?? 0) + 1);
  }

  async listRunIds(): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>('select id from aime.runs order by created_at, id');
    return result.rows.map((row) => row.id);
  }

  async read(runId: string): Promise<RunRecords> {
    const run = await this.pool.query<{ queued_record: RunQueuedRecord }>(
      'select queued_record from aime.runs where id = $1',
      [runId],
    );
    const queued = run.rows[0]?.queued_record;
    if (!queued) return { records: [], skippedLines: 0 };
    return { records: [queued, ...(await this.readEvents(runId))], skippedLines: 0 };
  }

  async readEvents(runId: string, afterSeq = 0, limit = Number.POSITIVE_INFINITY): Promise<RunEvent[]> {
    const result = await this.pool.query<{ event: RunEvent }>(
      'select event from aime.run_events where run_id = $1 and seq > $2 order by seq limit $3',
      [runId, afterSeq, Number.isFinite(limit) ? limit : null],
    );
    return result.rows.map((row) => row.event);
  }

  /** Waits for pending appends; the pool belongs to whoever created it. */
  async close(): Promise<void> {
    while (this.writes.size > 0) await this.writes.allSettled();
  }

  private async insertRun(runId: string, record: RunQueuedRecord): Promise<void> {
    const notification: RunNotification = { runId, seq: 0, at: Date.now() };
    const result = await this.pool.query(
      `with inserted as (
         insert into aime.runs (id, goal, status, created_at, queued_record) values ($1, $2, 'queued', $3, $4)
         on conflict (id) do nothing returning id)
       select pg_notify('${RUN_EVENTS_CHANNEL}', $5) from inserted`,
      [runId, record.goal, record.ts, JSON.stringify(record), JSON.stringify(notification)],
    );
    if (result.rowCount !== 1) throw new EventSequenceError(runId, 0, 1);
  }
}
