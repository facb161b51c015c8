import type { CandidateStatus } from './online-candidate';

/** `LightweightOnlineGEPA.metrics()`: what the dashboard charts (server `GET /gepa`). */
export interface OnlineGepaMetrics {
  /** Composite after the latest outcome (null before any). */
  composite: number | null;
  threshold: number;
  timeline: Array<{
    ts: number;
    score: number;
    composite: number;
    component: string;
    candidateId: string;
    runId: string | null;
  }>;
  candidates: Array<{
    id: string;
    component: string;
    parentId: string | null;
    prompt: string;
    /** Mean of all its outcome scores (null before its first use). */
    meanScore: number | null;
    /** Mean over its last window (what "best" compares). */
    recentScore: number | null;
    uses: number;
    status: CandidateStatus;
    createdAt: number;
  }>;
  current: Record<string, { candidateId: string; text: string }>;
  /** The candidate being measured, if any. */
  trial: {
    component: string;
    candidateId: string;
    parentId: string;
    parentScore: number;
    outcomes: number;
    needed: number;
  } | null;
  /** Records read from the trace file at start plus records written since. */
  traceRecords: number;
}
