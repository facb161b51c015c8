import type { RunEvent } from '@gepa-aime/core';
import type { RunLogRecord } from './run-log-record';

/** The longest run id (also the router's path-parameter limit, so every valid id is routable). */
export const MAX_RUN_ID_LENGTH = 128;
const RUN_ID_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,${MAX_RUN_ID_LENGTH - 1}}$`);

/** A run id usable as a file name: letters, digits, `_`, `-`, `.`, not starting with a dot. */
export function isValidRunId(runId: string): boolean {
  return RUN_ID_PATTERN.test(runId) && !runId.includes('..');
}

export interface RunRecords {
  /** The queued record (seq 0) first, then the events in seq order. */
  records: RunLogRecord[];
  /** Records that could not be read (a torn last line of a log file). */
  skippedLines: number;
}

/**
 * Where runs and their events live: append-only JSON-lines files (`FileRunStore`, the embedded
 * mode) or PostgreSQL tables (`PostgresRunStore`). Both keep the same guarantee, pinned by one
 * contract suite: per run one queued record (seq 0), then events with seq contiguous from 1, each
 * stored exactly once — an append whose seq is not the next one is refused (EventSequenceError).
 */
export interface RunStore {
  /** Creates the directory, or checks the database schema. */
  initialise(): Promise<void>;
  /** Stores one record; resolves once it is durable (and, for PostgreSQL, announced). */
  append(runId: string, record: RunLogRecord): Promise<void>;
  /** Ids of every stored run (any order). */
  listRunIds(): Promise<string[]>;
  /** Every record of a run; an unknown run has none. */
  read(runId: string): Promise<RunRecords>;
  /** The events (seq ≥ 1) with `seq > afterSeq`, in order, at most `limit`. */
  readEvents(runId: string, afterSeq?: number, limit?: number): Promise<RunEvent[]>;
  /** Waits for pending appends, then releases files or connections. */
  close(): Promise<void>;
}
