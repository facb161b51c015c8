import {
  type GEPATraceLog,
  type LoadedTraces,
  parseTraceRecord,
  type TraceCatchUp,
  type TraceLogStep,
  type TraceRecord,
  type TraceRecordInput,
} from '@gepa-aime/core';
import type pg from 'pg';
import { AIME_SCHEMA, inTransaction } from '../db/database-pool';
import { PgListener } from '../runs/postgres/pg-listener';
import type { RunManagerLogger } from '../runs/run-observer';

/** `NOTIFY` channel of appended GEPA records (payload: the new `last_seq`). */
export const GEPA_RECORDS_CHANNEL = 'aime_gepa_records';

export interface PostgresGEPATraceLogOptions {
  pool: pg.Pool;
  /** Connection string for the listening connection; without it only read-through catches up. */
  url?: string;
  applicationName?: string;
  logger: RunManagerLogger;
}

interface RecordRow {
  seq: string;
  record: unknown;
}

/** Which read a catch-up answers: reads issued before a reset are dropped. */
interface ReadTicket {
  generation: number;
  fromStart: boolean;
  after: number;
}

/**
 * Online GEPA's records in PostgreSQL (`aime.gepa_records`), shared by every worker and replica.
 * `update` runs one decision step in a transaction holding the lock on the single
 * `aime.gepa_state` row: it reads what others appended since this process last looked, lets the
 * optimizer decide on that history, appends the new records with the next seqs, advances
 * `last_seq` and NOTIFYs — so two workers never decide on different histories (no two trials
 * from one parent, no decision lost). If a step's write fails after the optimizer applied it in
 * memory, the next read hands over the whole history and the optimizer rebuilds its state.
 */
export class PostgresGEPATraceLog implements GEPATraceLog {
  readonly location = `PostgreSQL ${AIME_SCHEMA}.gepa_records`;
  readonly shared = true;
  private readonly pool: pg.Pool;
  private readonly logger: RunManagerLogger;
  private readonly listener: PgListener | undefined;
  private readonly listeners = new Set<() => void>();
  private position = 0;
  private lost = false;
  private generation = 0;

  constructor(options: PostgresGEPATraceLogOptions) {
    this.pool = options.pool;
    this.logger = options.logger;
    this.listener =
      options.url === undefined
        ? undefined
        : new PgListener({
            url: options.url,
            applicationName: options.applicationName ?? 'aime-gepa',
            channels: [GEPA_RECORDS_CHANNEL],
            onNotification: (_channel, payload) => {
              if (Number(payload) > this.position) this.notify();
            },
            // Reconnected: whatever was appended meanwhile is read now.
            onConnect: async () => this.notify(),
            logger: options.logger,
          });
  }

  /** Starts listening for other writers' appends (when a URL was given). */
  async start(): Promise<void> {
    await this.listener?.start();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.listener?.stop();
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<LoadedTraces> {
    this.reset();
    const ticket = this.ticket();
    const rows = await this.readRows(this.pool, ticket);
    const taken = this.take(rows, ticket);
    return { records: taken?.records ?? [], skipped: rows.length - (taken?.records.length ?? 0) };
  }

  async catchUp(apply: (catchUp: TraceCatchUp) => void): Promise<void> {
    const ticket = this.ticket();
    const rows = await this.readRows(this.pool, ticket);
    const taken = this.take(rows, ticket);
    if (taken && (taken.fromStart || taken.records.length > 0)) apply(taken);
  }

  async update<Result>(step: (catchUp: TraceCatchUp) => Promise<TraceLogStep<Result>>): Promise<Result> {
    try {
      return await inTransaction(this.pool, async (client) => {
        // The lock every decision step takes: steps of all workers run one after the other.
        const locked = await client.query<{ last_seq: string }>(
          `select last_seq from ${AIME_SCHEMA}.gepa_state where id = 1 for update`,
        );
        const lastSeq = Number(locked.rows[0]?.last_seq ?? Number.NaN);
        if (!Number.isFinite(lastSeq)) throw new Error(`${AIME_SCHEMA}.gepa_state has no row: run \`aime db migrate\``);
        const ticket = this.ticket();
        const taken = this.take(await this.readRows(client, ticket), ticket);
        if (!taken) throw new Error('online GEPA: the trace log was reset during a step');
        const { records, result } = await step(taken);
        if (records.length > 0) await this.append(client, lastSeq, records);
        return result;
      });
    } catch (error) {
      // The optimizer may hold records in memory that are not stored: it rebuilds on the next read.
      this.reset();
      throw error;
    }
  }

  private async append(client: pg.PoolClient, lastSeq: number, records: TraceRecordInput[]): Promise<void> {
    await client.query(
      `insert into ${AIME_SCHEMA}.gepa_records (seq, kind, component, candidate_id, record)
       select $1::bigint + position, case when record->>'kind' = 'decision' then 'decision' else 'outcome' end,
              coalesce(record->>'component', 'planner'), record->>'candidate_id', record
         from jsonb_array_elements($2::jsonb) with ordinality as input(record, position)`,
      [lastSeq, JSON.stringify(records)],
    );
    const newLast = lastSeq + records.length;
    await client.query(`update ${AIME_SCHEMA}.gepa_state set last_seq = $1, updated_at = now() where id = 1`, [
      newLast,
    ]);
    await client.query('select pg_notify($1, $2)', [GEPA_RECORDS_CHANNEL, String(newLast)]);
    // Set before the commit: a catch-up answered after it must not apply these records again.
    this.position = newLast;
  }

  /** The next read hands over the whole history (reads already under way are dropped). */
  private reset(): void {
    this.generation += 1;
    this.lost = true;
    this.position = 0;
  }

  private ticket(): ReadTicket {
    return { generation: this.generation, fromStart: this.lost, after: this.lost ? 0 : this.position };
  }

  private async readRows(client: pg.Pool | pg.PoolClient, ticket: ReadTicket): Promise<RecordRow[]> {
    const result = await client.query<RecordRow>(
      `select seq, record from ${AIME_SCHEMA}.gepa_records where seq > $1 order by seq`,
      [ticket.after],
    );
    return result.rows;
  }

  /**
   * The rows this reader has not applied yet (synchronously: callers apply them before their next
   * await, so two reads that overlap never apply a record twice or out of order).
   */
  private take(rows: RecordRow[], ticket: ReadTicket): TraceCatchUp | undefined {
    if (ticket.generation !== this.generation) return undefined;
    const fromStart = ticket.fromStart && this.lost;
    const fresh = fromStart ? rows : rows.filter((row) => Number(row.seq) > this.position);
    const last = fresh.at(-1);
    if (last) this.position = Number(last.seq);
    if (fromStart) this.lost = false;
    const records: TraceRecord[] = [];
    for (const row of fresh) {
      const record = parseTraceRecord(row.record);
      if (record) records.push(record);
      else this.logger.warn({ seq: row.seq }, 'online GEPA: skipped a stored record that is not a trace record');
    }
    return { records, fromStart };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
