import type { RunEvent, RunEventType } from '@gepa-aime/core';
import type { RunSummary, ServerMessage } from './types';

/**
 * Every event type of the protocol (a record, so the compiler names a type added to the union and
 * missing here). An unknown type is not an event: it was dropped, leaving a gap in the run's seqs
 * that held back every later event until the REST gap fill a second later — after each judge
 * verdict and approval.
 */
const runEventTypeRecord: Record<RunEventType, true> = {
  'run-start': true,
  'plan-update': true,
  'task-start': true,
  'actor-step': true,
  'tool-call': true,
  'tool-result': true,
  'progress-update': true,
  'llm-usage': true,
  'task-end': true,
  'judge-verdict': true,
  'approval-requested': true,
  'approval-resolved': true,
  'gepa-record': true,
  'gepa-candidate': true,
  'run-end': true,
};
const runEventTypes: ReadonlySet<string> = new Set(Object.keys(runEventTypeRecord));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRunSummary(value: unknown): value is RunSummary {
  return isRecord(value) && typeof value.id === 'string' && typeof value.status === 'string';
}

/** Classifies one WebSocket frame: a RunEvent, run-list changes, an error, or anything else (hello). */
export function parseServerMessage(data: string): ServerMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.type !== 'string') return null;
  if (runEventTypes.has(parsed.type) && typeof parsed.runId === 'string' && typeof parsed.seq === 'number') {
    return { kind: 'event', event: parsed as unknown as RunEvent };
  }
  if (isRecord(parsed.event) && runEventTypes.has(String(parsed.event.type))) {
    return { kind: 'event', event: parsed.event as unknown as RunEvent };
  }
  // run-status (a run changed) and subscribed (the ack, with the run or the runs in flight)
  const runs = [parsed.run, ...(Array.isArray(parsed.runs) ? parsed.runs : [])].filter(isRunSummary);
  if (runs.length > 0) return { kind: 'runs', runs };
  if (parsed.type === 'error') {
    return {
      kind: 'error',
      code: String(parsed.code ?? 'error'),
      message: String(parsed.message ?? ''),
      runId: typeof parsed.runId === 'string' ? parsed.runId : undefined,
    };
  }
  return { kind: 'other', type: parsed.type };
}
