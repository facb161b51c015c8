import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunEvent, runEventSchema } from '@gepa-aime/core';
import { expect } from 'vitest';
import { FINAL_STATUSES, type ServiceApp, waitUntil } from './service-harness';

export interface FinishedRun {
  id: string;
  detail: Record<string, unknown> & { status: string; report: Record<string, unknown> | null; error: string | null };
  events: RunEvent[];
}

/** POST /runs, wait for a final status, then read the run and its whole event log through the API. */
export async function runThroughApi(
  app: ServiceApp,
  body: Record<string, unknown>,
  timeoutMs = 20_000,
): Promise<FinishedRun> {
  const created = await app.inject({ method: 'POST', url: '/runs', payload: body });
  expect(created.statusCode, created.body).toBe(202);
  const id = created.json().id as string;
  const detail = await waitUntil(async () => {
    const response = await app.inject({ method: 'GET', url: `/runs/${id}` });
    const run = response.json();
    return FINAL_STATUSES.includes(run.status) ? (run as FinishedRun['detail']) : undefined;
  }, timeoutMs);
  const events = await readAllEvents(app, id);
  return { id, detail, events };
}

export async function readAllEvents(app: ServiceApp, runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  let after = 0;
  for (let page = 0; page < 100; page++) {
    const response = await app.inject({ method: 'GET', url: `/runs/${runId}/events?after=${after}&limit=5000` });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { events: RunEvent[]; nextAfter: number | null };
    events.push(...body.events);
    if (body.nextAfter === null) return events;
    after = body.nextAfter;
  }
  throw new Error('more than 100 pages of events');
}

/** Every event valid against the RunEvent union, seq contiguous from 1, exactly one run-end and it is last. */
export function expectCompleteEventLog(events: RunEvent[], runId: string): void {
  expect(events.length).toBeGreaterThanOrEqual(1);
  for (const event of events) {
    expect(runEventSchema.safeParse(event).success, JSON.stringify(event).slice(0, 300)).toBe(true);
    expect(event.runId).toBe(runId);
  }
  expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
  expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('run-end');
}

/** The log file on disk: every line parses; the first is the queued record, the events follow in seq order. */
export async function expectLogFileParses(tracesDir: string, runId: string, events: RunEvent[]): Promise<void> {
  const text = await readFile(join(tracesDir, 'runs', `${runId}.jsonl`), 'utf8');
  const lines = text.split('\n').filter((line) => line.length > 0);
  const records = lines.map((line) => JSON.parse(line) as { type: string; seq: number });
  expect(records[0]?.type).toBe('run-queued');
  expect(records.slice(1).map((record) => record.seq)).toEqual(events.map((event) => event.seq));
}
