import type { RunEventInput } from './run-events';

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
  /** 1 for a completed task, 0 for a failed one; fractional scores are allowed. */
  score: number;
  /** What went wrong or right, with the failing observations. */
  feedback: string;
}

/**
 * What the workflow needs from an online optimizer (LightweightOnlineGEPA implements it). The
 * workflow asks for the current prompt before each planner/actor call and reports every outcome;
 * `record` returns the `gepa-record` / `gepa-candidate` events the workflow should emit.
 */
export interface PromptOptimizer {
  currentPrompt(component: PromptComponent): ActivePrompt;
  record(outcome: TaskOutcome, signal?: AbortSignal): Promise<RunEventInput[]>;
}
