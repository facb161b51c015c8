import type { RunLogRecord } from './run-log-record';

export interface RepairedRecords {
  /** The longest prefix that keeps the log's rules. */
  records: RunLogRecord[];
  /** Records after it, left out. */
  dropped: number;
  /** Why the first left-out record broke the rules (when any was left out). */
  reason?: string;
}

/**
 * A log's records as far as they keep the protocol: at most one queued record (seq 0) first, then
 * events with seq contiguous from 1, nothing after `run-end`. A hand-edited or corrupted log
 * (seqs out of order or repeated, a seq of 2^53-1, records after the end) is cut at its first break,
 * so the API never serves seqs out of order.
 */
export function contiguousPrefix(records: RunLogRecord[]): RepairedRecords {
  let expected = records[0]?.type === 'run-queued' ? 0 : 1;
  let ended = false;
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index] as RunLogRecord;
    const reason = ended
      ? `a record (seq ${record.seq}) follows run-end`
      : record.seq !== expected
        ? `seq ${record.seq} where ${expected} was expected`
        : undefined;
    if (reason !== undefined) return { records: records.slice(0, index), dropped: records.length - index, reason };
    ended = record.type === 'run-end';
    expected += 1;
  }
  return { records, dropped: 0 };
}
