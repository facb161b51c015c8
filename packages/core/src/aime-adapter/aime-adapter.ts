import type { AIMEConfig } from '../config/load-config';
import type { LanguageModel } from '../llm/types';
import type {
  EvaluationBatch,
  GEPAAdapter,
  GEPACandidate,
  ReflectiveDataset,
  ReflectiveRecord,
} from '../optimizer/gepa/types';
import { clipText } from '../optimizer/online/clip-text';
import type { FinalRunStatus, RunEvent, WorkflowReport } from '../protocol/run-events';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import { AIMEWorkflow } from '../workflow/aime-workflow';
import type { WorkflowLimits } from '../workflow/workflow-limits';
import type { AIMEGoal } from './aime-goal';
import { FixedPromptOptimizer } from './fixed-prompt-optimizer';
import { checkExpectations, createGoalWorkspace, type GoalCheck } from './goal-workspace';
import { type FailedTask, type GoalScore, leafSnapshots, scoreGoal } from './score-goal';

const MAX_OBSERVATIONS_PER_TASK = 3;
const MAX_OBSERVATION_CHARS = 300;
const MAX_OUTPUT_CHARS = 1500;

export interface AIMEGoalOutput {
  goalId: string;
  status: FinalRunStatus;
  finalAnswer: string;
  score: number;
}

/** What one goal run leaves for reflection. */
export interface AIMETrajectory {
  goal: AIMEGoal;
  status: FinalRunStatus;
  finalAnswer: string;
  rationale: string;
  tasks: Array<{ id: string; title: string; status: string; summary: string }>;
  checks: GoalCheck[];
  failedTasks: FailedTask[];
  result: GoalScore;
}

export interface AIMEAdapterOptions {
  config: AIMEConfig;
  /** The student model running the workflow. */
  model: LanguageModel;
  /** Default: the built-in tools with the config's bundles. */
  tools?: ToolRegistry;
  limits?: Partial<WorkflowLimits>;
  /** Planner iterations per goal unless the goal sets its own (default 8). */
  maxIterations?: number;
  /** Run every goal in this directory instead of a fresh temporary workspace per goal. */
  workspaceRoot?: string;
  /** Called after each goal run (progress output, logs). */
  onGoalEvaluated?: (goal: AIMEGoal, output: AIMEGoalOutput) => void;
}

const DEFAULT_MAX_ITERATIONS = 8;

/**
 * GEPA adapter for AIME: a candidate has the components `planner` (system prompt) and `actor`
 * (prompt template). `evaluate` runs AIMEWorkflow on each goal with the candidate's prompts, in a
 * fresh workspace, and scores it (see scoreGoal); it never throws for a failing goal.
 */
export function createAIMEAdapter(options: AIMEAdapterOptions): GEPAAdapter<AIMEGoal, AIMEGoalOutput, AIMETrajectory> {
  const tools = options.tools ?? createBuiltinRegistry({ toolBundles: options.config.toolBundles });

  async function runGoal(goal: AIMEGoal, candidate: GEPACandidate, signal: AbortSignal | undefined) {
    const workspace = await createGoalWorkspace(goal, options.workspaceRoot);
    const observations = new ObservationLog();
    try {
      const workflow = new AIMEWorkflow({
        config: options.config,
        model: options.model,
        workspaceRoot: workspace.root,
        tools,
        optimizer: new FixedPromptOptimizer(candidate),
        ...(options.limits ? { limits: options.limits } : {}),
      });
      const report = await workflow.run(goal.goal, {
        maxIterations: goal.maxIterations ?? options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
        onEvent: (event) => observations.add(event),
        ...(signal ? { signal } : {}),
      });
      const checks = await checkExpectations(workspace.root, goal, report.finalAnswer);
      return trajectoryOf(goal, report, checks, observations);
    } finally {
      await workspace.cleanup();
    }
  }

  return {
    async evaluate(batch, candidate, captureTraces, context) {
      const outputs: AIMEGoalOutput[] = [];
      const scores: number[] = [];
      const trajectories: AIMETrajectory[] = [];
      for (const goal of batch) {
        let trajectory: AIMETrajectory;
        try {
          trajectory = await runGoal(goal, candidate, context?.signal);
        } catch (error) {
          context?.signal?.throwIfAborted();
          trajectory = crashedTrajectory(goal, error);
        }
        const output: AIMEGoalOutput = {
          goalId: goal.id ?? goal.goal,
          status: trajectory.status,
          finalAnswer: trajectory.finalAnswer,
          score: trajectory.result.score,
        };
        options.onGoalEvaluated?.(goal, output);
        outputs.push(output);
        scores.push(trajectory.result.score);
        trajectories.push(trajectory);
      }
      return captureTraces ? { outputs, scores, trajectories } : { outputs, scores };
    },
    makeReflectiveDataset(_candidate, evaluation, componentsToUpdate) {
      return makeAIMEReflectiveDataset(evaluation, componentsToUpdate);
    },
  };
}

/** Reflective records per component, in the engine's {Inputs, "Generated Outputs", Feedback} form. */
export function makeAIMEReflectiveDataset(
  evaluation: EvaluationBatch<AIMEGoalOutput, AIMETrajectory>,
  components: readonly string[],
): ReflectiveDataset {
  const trajectories = evaluation.trajectories ?? [];
  const dataset: ReflectiveDataset = {};
  for (const component of components) {
    dataset[component] = trajectories.map((trajectory) =>
      component === 'planner' ? plannerRecord(trajectory) : actorRecord(trajectory),
    );
  }
  return dataset;
}

function plannerRecord(trajectory: AIMETrajectory): ReflectiveRecord {
  return {
    Inputs: { Goal: trajectory.goal.goal },
    'Generated Outputs': {
      Plan: trajectory.tasks.map((task) => `- [${task.status}] ${task.id} ${task.title}`).join('\n') || '(no tasks)',
      Rationale: trajectory.rationale || '(none)',
      'Final answer': clipText(trajectory.finalAnswer || '(none)', MAX_OUTPUT_CHARS),
    },
    Feedback: `Score ${trajectory.result.score.toFixed(2)}. ${trajectory.result.feedback}`,
  };
}

function actorRecord(trajectory: AIMETrajectory): ReflectiveRecord {
  return {
    Inputs: { Goal: trajectory.goal.goal, Subtasks: trajectory.tasks.map((task) => task.title).join('\n') || '(none)' },
    'Generated Outputs': clipText(
      trajectory.tasks.map((task) => `[${task.id}] ${task.status}: ${task.summary || '(no summary)'}`).join('\n') ||
        '(no task ran)',
      MAX_OUTPUT_CHARS,
    ),
    Feedback: `Score ${trajectory.result.score.toFixed(2)}. ${trajectory.result.feedback}`,
  };
}

function trajectoryOf(
  goal: AIMEGoal,
  report: WorkflowReport,
  checks: GoalCheck[],
  observations: ObservationLog,
): AIMETrajectory {
  const failedTasks: FailedTask[] = leafSnapshots(report.tasks)
    .filter((task) => task.status === 'failed')
    .map((task) => ({
      id: task.id,
      title: task.title,
      summary: clipText(task.summary ?? '', MAX_OBSERVATION_CHARS),
      observations: observations.failing(task.id),
    }));
  return {
    goal,
    status: report.status,
    finalAnswer: report.finalAnswer,
    rationale: report.rationale,
    tasks: report.tasks.map((task) => ({
      id: task.id,
      title: task.title,
      status: task.status,
      summary: clipText(task.summary ?? '', MAX_OBSERVATION_CHARS),
    })),
    checks,
    failedTasks,
    result: scoreGoal(report, checks, failedTasks),
  };
}

function crashedTrajectory(goal: AIMEGoal, error: unknown): AIMETrajectory {
  const message = error instanceof Error ? error.message : String(error);
  return {
    goal,
    status: 'failed',
    finalAnswer: '',
    rationale: '',
    tasks: [],
    checks: [],
    failedTasks: [],
    result: scoreGoal({ status: 'failed', tasks: [], error: `the run threw: ${message}` }, [], []),
  };
}

/** Per task: failed tool results first, else the last observations the actor saw. */
class ObservationLog {
  private readonly toolErrors = new Map<string, string[]>();
  private readonly observations = new Map<string, string[]>();

  add(event: RunEvent): void {
    if (event.type === 'tool-result' && !event.ok) {
      push(this.toolErrors, event.taskId, `${event.tool}: ${event.error ?? event.output}`);
    } else if (event.type === 'actor-step' && event.observation) {
      push(this.observations, event.taskId, event.observation);
    }
  }

  failing(taskId: string): string[] {
    const errors = this.toolErrors.get(taskId) ?? [];
    const chosen = errors.length > 0 ? errors : (this.observations.get(taskId) ?? []);
    return chosen
      .slice(-MAX_OBSERVATIONS_PER_TASK)
      .map((text) => clipText(text.replace(/\s+/g, ' '), MAX_OBSERVATION_CHARS));
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}
