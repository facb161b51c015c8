import type { RunEvent, RunStatus, TaskSnapshot, WorkflowReport } from '@gepa-aime/core';

/** One row of `GET /runs`. */
export interface RunSummary {
  id: string;
  goal: string;
  status: RunStatus;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
}

export interface RunListPage {
  runs: RunSummary[];
  nextCursor?: string | null;
}

/** `GET /runs/:id`. */
export interface RunDetail extends RunSummary {
  tasks: TaskSnapshot[];
  markdown: string;
  report?: WorkflowReport;
}

export interface CreatedRun {
  id: string;
  status: RunStatus;
}

export interface GepaTimelinePoint {
  index: number;
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

/** `GET /gepa`. */
export interface GepaOverview {
  threshold: number;
  timeline: GepaTimelinePoint[];
  /** Current prompt per component (planner, actor). */
  current: Record<string, { candidateId: string; prompt: string }>;
  candidates: GepaCandidate[];
}

/** What the WebSocket delivers besides run events. */
export type ServerMessage =
  | { kind: 'event'; event: RunEvent }
  | { kind: 'run-status'; run: RunSummary }
  | { kind: 'other'; type: string };
