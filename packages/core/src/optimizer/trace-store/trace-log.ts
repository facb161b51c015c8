import type { TraceDecisionInput, TraceExampleInput, TraceRecord } from './trace-record';

export type TraceRecordInput = TraceExampleInput | TraceDecisionInput;

/** Every record (`load`), for the warm start. */
export interface LoadedTraces {
  records: TraceRecord[];
  /** Lines that were not valid records (torn or corrupt), skipped with a warning. */
  skipped: number;
}

/** Records other writers appended since this reader last looked. */
export interface TraceCatchUp {
  records: TraceRecord[];
  /**
   * The reader lost track (a write of its own failed after it had applied it in memory): `records`
   * is the whole history and the reader rebuilds its state from it.
   */
  fromStart: boolean;
}

export interface TraceLogStep<Result> {
  records: TraceRecordInput[];
  result: Result;
}

/**
 * Where online GEPA keeps its records: the JSON-lines trace file (one process decides alone) or a
 * shared store (PostgreSQL in the scale-out mode, where every worker decides on one history).
 *
 * A shared log hands a reader the records others appended (`catchUp`, and at the start of every
 * `update`) by calling `apply` synchronously, before its next await: readers apply them in order.
 */
export interface GEPATraceLog {
  /** For messages: the file's path, or the table. */
  readonly location: string;
  /** Other processes append to it too, and readers must catch up (false for the file). */
  readonly shared: boolean;
  load(): Promise<LoadedTraces>;
  /**
   * One decision step, exclusive across every writer of a shared log: `step` first gets what others
   * appended meanwhile, then returns the records to append; they are written before the next
   * step of any writer starts. A write failure throws after `step` ran.
   */
  update<Result>(step: (catchUp: TraceCatchUp) => Promise<TraceLogStep<Result>>): Promise<Result>;
  /** Reads what others appended since the last look and passes it to `apply` (nothing for the file). */
  catchUp(apply: (catchUp: TraceCatchUp) => void): Promise<void>;
  /** Calls `listener` when another writer appended (shared logs); returns the unsubscribe. */
  onAppend?(listener: () => void): () => void;
  close?(): Promise<void>;
}
