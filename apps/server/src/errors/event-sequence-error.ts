import { AIMEError } from '@gepa-aime/core';

/**
 * A record was appended out of order: an event whose seq is not the run's next one (a replay, a
 * gap, or a writer that lost the run to another attempt), or a second queued record for a run.
 */
export class EventSequenceError extends AIMEError {
  readonly runId: string;
  readonly seq: number;

  constructor(runId: string, seq: number, expected: number) {
    super('event_sequence', `run ${runId}: refused seq ${seq}, the next seq is ${expected}`);
    this.runId = runId;
    this.seq = seq;
  }
}
