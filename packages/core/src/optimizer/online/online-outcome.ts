import type { TaskStats } from '../../judge/task-stats';
import type { JudgeCheck } from '../../protocol/judge-verdict';

/** What the judge and the event log add to an outcome (absent in older and Python records). */
export interface OutcomeDetails {
  claimedStatus?: string;
  verdict?: string;
  checks?: JudgeCheck[];
  stats?: TaskStats;
}

/** One outcome as online GEPA's state sees it (live from the workflow, or replayed from the trace file). */
export interface ObservedOutcome {
  component: string;
  /** Absent in Python reference records: the candidate is then identified by its prompt text. */
  candidateId?: string;
  parentId?: string | null;
  prompt: string;
  score: number;
  ts: number;
  response: string;
  feedback: string;
  goal: string;
  taskTitle: string;
  taskId: string;
  runId: string | null;
  details?: OutcomeDetails;
}

/** An outcome in a component's rolling window, attributed to the candidate that produced it. */
export interface WindowEntry extends ObservedOutcome {
  candidateId: string;
}

/** One point of the score timeline the dashboard charts. */
export interface TimelinePoint {
  ts: number;
  score: number;
  composite: number;
  component: string;
  candidateId: string;
  runId: string | null;
}
