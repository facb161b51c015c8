import type { JudgeVerdict } from './judge-verdict';
import type { RunEventInput } from './run-events';
import type { TaskStats } from './task-stats';

/** Prompt components GEPA evolves: the planner system prompt and the actor system prompt template. */
export type PromptComponent = 'planner' | 'actor';

export interface ActivePrompt {
  component: PromptComponent;
  candidateId: string;
  text: string;
}

/** One task outcome, as the workflow reports it to the optimizer. */
export interface TaskOutcome {
  runId: string;
  goal: string;
  taskId: string;
  taskTitle: string;
  component: PromptComponent;
  candidateId: string;
  prompt: string;
  /** The actor's summary (or the planner's output) that the outcome is about. */
  response: string;
  /** The judge's score (0..1): for the actor, the task's verdict; for the planner, the goal's. */
  score: number;
  /** What went wrong or right: the judge's feedback, with the failing observations. */
  feedback: string;
  /** What the actor claimed (`complete` / `failed`) before the judge decided. */
  claimedStatus?: 'complete' | 'failed';
  /** The judge's verdict with its checks. */
  verdict?: JudgeVerdict;
  /** Tool calls per tool, tool errors, steps, tokens and time of the task. */
  stats?: TaskStats;
}

/**
 * What the workflow needs from an online optimizer (LightweightOnlineGEPA implements it). The
 * workflow asks for the current prompt before each planner/actor call and reports every outcome;
 * `record` returns the `gepa-record` / `gepa-candidate` events the workflow should emit.
 */
export interface PromptOptimizer {
  currentPrompt(component: PromptComponent): ActivePrompt;
  record(outcome: TaskOutcome, signal?: AbortSignal): Promise<RunEventInput[]>;
  /**
   * Catches up with decisions taken elsewhere (an optimizer shared by several processes); the
   * workflow awaits it before each planning step and each batch of tasks. Never throws.
   */
  refresh?(): Promise<void>;
}
