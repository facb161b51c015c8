import type { RunEvent, RunStatus, TaskSnapshot, WorkflowReport } from '@gepa-aime/core';

export interface TaskCounts {
  total: number;
  pending: number;
  in_progress: number;
  complete: number;
  failed: number;
}

/**
 * One row of `GET /runs` (the server's RunSummary schema, apps/server/src/schemas/run.ts). Only id,
 * goal, status and createdAt are required here: a row is also built from a run's first event.
 */
export interface RunSummary {
  id: string;
  goal: string;
  status: RunStatus;
  createdAt: number;
  startedAt?: number | null;
  endedAt?: number | null;
  model?: string | null;
  lastSeq?: number;
  taskCounts?: TaskCounts;
}

export interface RunListPage {
  runs: RunSummary[];
  nextCursor?: string | null;
}

/** `GET /runs/:id`. */
export interface RunDetail extends RunSummary {
  tasks: TaskSnapshot[];
  markdown: string;
  report: WorkflowReport | null;
}

/** `GET /runs/:id/events`: one page of the run's log. */
export interface RunEventsPage {
  runId: string;
  events: RunEvent[];
  lastSeq: number;
  nextAfter: number | null;
}

export interface CreatedRun {
  id: string;
  status: RunStatus;
}

export interface GepaTimelinePoint {
  index: number;
  runId?: string | null;
  ts: number;
  component: string;
  candidateId: string;
  score: number;
  composite: number;
}

export interface GepaCandidate {
  id: string;
  component: string;
  parents: string[];
  prompt: string;
  score: number | null;
  uses: number;
  decision?: string;
  createdAt?: number;
}

/** `GET /gepa` (the server's GepaMetrics schema). */
export interface GepaOverview {
  source?: string;
  compositeScore?: number | null;
  traceRecords?: number;
  threshold: number;
  timeline: GepaTimelinePoint[];
  /** Current prompt per component (planner, actor). */
  current: Record<string, { candidateId: string; prompt: string }>;
  candidates: GepaCandidate[];
}

/** What the WebSocket delivers besides run events. */
export type ServerMessage =
  | { kind: 'event'; event: RunEvent }
  | { kind: 'runs'; runs: RunSummary[] }
  | { kind: 'error'; code: string; message: string; runId?: string }
  | { kind: 'other'; type: string };
