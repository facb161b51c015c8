import type { JudgeCheck } from './judge-verdict';
import type { PlannerState } from './planner-state';

/**
 * Structured intent of a model request: who asks (planner, actor, reflection, judge) and what it
 * is about, as data. In-process providers (the offline model) decide from it instead of parsing
 * prompt wording, so GEPA can reword any prompt without changing what they do. Remote providers
 * never send it over the wire.
 */
export type ChatRequestMetadata =
  | PlannerRequestMetadata
  | ActorRequestMetadata
  | ReflectionRequestMetadata
  | JudgeRequestMetadata;

export type RequestRole = ChatRequestMetadata['role'];

/** The subtask a request is about. */
export interface RequestTask {
  id: string;
  title: string;
  completionCriteria?: string;
}

export interface PlannerRequestMetadata {
  role: 'planner';
  /** The goal, the checklist, the ready tasks and the re-plan reason of this iteration. */
  plannerState: PlannerState;
}

/** One tool call the actor made so far and what it observed. */
export interface ActorStep {
  tool: string;
  arguments: Record<string, unknown>;
  observation: string;
  ok: boolean;
}

/** A result of an earlier task that the actor is given as knowledge. */
export interface RequestKnowledge {
  id: string;
  title: string;
  summary: string;
  references: string[];
}

export interface ActorRequestMetadata {
  role: 'actor';
  goal: string;
  task: RequestTask;
  /** Names of the tools offered (including `finish`), whatever the tool protocol. */
  tools: string[];
  toolProtocol: 'native' | 'react-text';
  knowledge: RequestKnowledge[];
  /** The tool calls of this task so far, in order. */
  steps: ActorStep[];
}

export interface ReflectionRequestMetadata {
  role: 'reflection';
  /** The prompt component being evolved (`planner`, `actor`, or a GEPA component name). */
  component: string;
  /** The instruction the reflection model is asked to improve. */
  currentText: string;
  /** The reflective records shown to it (`Inputs`, `Generated Outputs`, `Feedback` …). */
  examples: Array<Record<string, unknown>>;
}

/**
 * A judge request: what was asked, the answer judged and the evidence behind it, so an in-process
 * judge decides from data exactly what the rendered judge prompt shows a remote model.
 */
export interface JudgeRequestMetadata {
  role: 'judge';
  /** A task result or the run's final answer. */
  scope: 'task' | 'goal';
  goal: string;
  task?: RequestTask;
  /** What was asked: the task with its completion criteria, or the goal. */
  request: string;
  /** The answer judged: the actor's summary, or the final answer. */
  answer: string;
  /** What the actor claimed (task scope). */
  claimedStatus?: 'complete' | 'failed';
  references: string[];
  /** The tool calls behind the answer, in order (every task's for the goal), observations cut to a few KB. */
  toolCalls: ActorStep[];
  /** The deterministic checks already run (all passed: a failed check decides without a judge call). */
  checks: JudgeCheck[];
}
