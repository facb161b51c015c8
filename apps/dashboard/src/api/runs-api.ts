import type { RunEvent } from '@gepa-aime/core';
import { requestJson } from './http-client';
import type { CreatedRun, CreateRunBody, RunDetail, RunEventsPage, RunListPage } from './types';

export function createRun(input: CreateRunBody): Promise<CreatedRun> {
  return requestJson('POST', '/runs', input);
}

export function listRuns(limit = 50, cursor?: string): Promise<RunListPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return requestJson('GET', `/runs?${query}`);
}

export function getRun(runId: string): Promise<RunDetail> {
  return requestJson('GET', `/runs/${encodeURIComponent(runId)}`);
}

/** Pages through the run's log from `after` (bounded: at most `maxPages` requests). */
export async function getRunEvents(runId: string, after: number, maxPages = 50): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  let cursor: number | null = after;
  for (let page = 0; page < maxPages && cursor !== null; page++) {
    const body: RunEventsPage = await requestJson('GET', `/runs/${encodeURIComponent(runId)}/events?after=${cursor}`);
    events.push(...body.events);
    cursor = body.nextAfter;
  }
  return events;
}

export function cancelRun(runId: string): Promise<unknown> {
  return requestJson('POST', `/runs/${encodeURIComponent(runId)}/cancel`);
}

export function answerApproval(runId: string, toolCallId: string, decision: 'approve' | 'deny', note?: string) {
  return requestJson('POST', `/runs/${encodeURIComponent(runId)}/approvals/${encodeURIComponent(toolCallId)}`, {
    decision,
    ...(note ? { note } : {}),
  });
}
