import { type RunEvent, runEventSchema } from '@gepa-aime/core';
import { z } from 'zod';
import { createRunId } from './run-id';

/**
 * The first line of a run log, written when the run is accepted (before the workflow emits
 * anything), so that a queued run survives a restart. `seq: 0` keeps it outside the event stream:
 * every later line is a RunEvent with `seq` contiguous from 1.
 */
export const runQueuedRecordSchema = z.object({
  type: z.literal('run-queued'),
  runId: z.string(),
  seq: z.literal(0),
  ts: z.number(),
  goal: z.string(),
  maxIterations: z.number().int().optional(),
  maxParallelActors: z.number().int().optional(),
});
export type RunQueuedRecord = z.infer<typeof runQueuedRecordSchema>;

export type RunLogRecord = RunQueuedRecord | RunEvent;

/** The record that accepts a new run: a fresh id, the goal and the limits the caller gave. */
export function newRunQueuedRecord(input: {
  goal: string;
  maxIterations?: number | undefined;
  maxParallelActors?: number | undefined;
}): RunQueuedRecord {
  const record: RunQueuedRecord = {
    type: 'run-queued',
    runId: createRunId(),
    seq: 0,
    ts: Date.now(),
    goal: input.goal,
  };
  if (input.maxIterations !== undefined) record.maxIterations = input.maxIterations;
  if (input.maxParallelActors !== undefined) record.maxParallelActors = input.maxParallelActors;
  return record;
}

export function isRunQueuedRecord(record: RunLogRecord): record is RunQueuedRecord {
  return record.type === 'run-queued';
}

/** Parses one log line; `undefined` for a line that is not a valid record (e.g. a torn write). */
export function parseRunLogLine(line: string): RunLogRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'run-queued') {
    return runQueuedRecordSchema.safeParse(value).success ? (value as RunQueuedRecord) : undefined;
  }
  // Validate, but keep the line as written (fields a newer writer added are not stripped).
  return runEventSchema.safeParse(value).success ? (value as RunEvent) : undefined;
}
