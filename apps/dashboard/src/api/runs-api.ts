import type { RunEvent } from '@gepa-aime/core';
import { requestJson } from './http-client';
import type { CreatedRun, RunDetail, RunListPage } from './types';

export interface CreateRunInput {
  goal: string;
  maxIterations?: number;
  maxParallelActors?: number;
}

export function createRun(input: CreateRunInput): Promise<CreatedRun> {
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

export async function getRunEvents(runId: string, after: number): Promise<RunEvent[]> {
  const body = await requestJson<RunEvent[] | { events: RunEvent[] }>(
    'GET',
    `/runs/${encodeURIComponent(runId)}/events?after=${after}`,
  );
  return Array.isArray(body) ? body : body.events;
}

export function cancelRun(runId: string): Promise<unknown> {
  return requestJson('POST', `/runs/${encodeURIComponent(runId)}/cancel`);
}
