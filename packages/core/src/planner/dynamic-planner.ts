import { formatZodIssues } from '../errors/format-zod-issues';
import type { LanguageModel, TokenUsage } from '../llm/types';
import type { ProgressManager } from '../progress/progress-manager';
import type { PlannerState } from '../protocol/planner-state';
import type { ActivePrompt } from '../protocol/prompt-optimizer';
import { applyPlan, readyTaskIds } from './apply-plan';
import { composeAnswerFromResults } from './compose-answer';
import { decomposeGoal } from './decompose-goal';
import { parseJsonObject } from './parse-json-object';
import { PLAN_RESPONSE_NAME, type PlanResponse, planResponseJsonSchema, planResponseSchema } from './plan-schema';
import { DEFAULT_PLANNER_PROMPT } from './planner-prompt';
import { renderPlannerRequest } from './planner-state';
import { validatePlan } from './validate-plan';

export interface DynamicPlannerOptions {
  model: LanguageModel;
  progress: ProgressManager;
  /** The planner system prompt to use for each call (the optimizer's current candidate). */
  prompt?: () => ActivePrompt;
  maxIterations?: number;
  /** Tool bundles the planner may assign: name → tool names (shown in every request; a function is read per request). */
  bundles?: Record<string, string[]> | (() => Record<string, string[]>);
  /** The bundles served by MCP servers (the planner is told which tools come from which server). */
  mcpBundles?: string[];
  /** Bundle name → its description from tool_bundles.json (shown next to its tools). */
  bundleDescriptions?: Record<string, string>;
  /** Attempts before falling back to the deterministic decomposition (default 2: one retry). */
  maxAttempts?: number;
  onUsage?: (usage: TokenUsage, ms: number) => void | Promise<void>;
  now?: () => number;
}

export interface PlanRequest {
  iteration: number;
  /** Why the planner must change the plan (a failure, a loop, a stall). */
  replanReason?: string;
  signal?: AbortSignal;
}

export interface PlanDecision {
  rationale: string;
  /** Leaf task ids to run now (ready ones only). */
  next: string[];
  done: boolean;
  finalAnswer: string;
  /** True when the model's output was unusable and the deterministic fallback decided. */
  fallback: boolean;
  reason?: string;
  prompt: ActivePrompt;
  /** The model's raw answer (or the fallback's JSON) — what GEPA traces see. */
  response: string;
}

const defaultPrompt = (): ActivePrompt => ({
  component: 'planner',
  candidateId: 'default',
  text: DEFAULT_PLANNER_PROMPT,
});

/**
 * AIME's Dynamic Planner: each call reads the goal, the checklist and the results so far, updates
 * the global plan in the ProgressManager and returns the local plan (next subtasks) or `done`.
 * Output is structured (zod-validated JSON); an invalid answer is retried once with the problem
 * shown to the model, then a deterministic decomposition takes over and says so.
 */
export class DynamicPlanner {
  /** Failed task id → the contingency task that replaces it. */
  readonly contingencies = new Map<string, string>();
  private readonly options: DynamicPlannerOptions;
  private readonly now: () => number;

  constructor(options: DynamicPlannerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** First call: decompose the goal (the seed's `initialize(goal)`). */
  initialize(signal?: AbortSignal): Promise<PlanDecision> {
    return this.plan({ iteration: 0, signal });
  }

  async plan(request: PlanRequest): Promise<PlanDecision> {
    const prompt = (this.options.prompt ?? defaultPrompt)();
    const progress = this.options.progress;
    const state: PlannerState = {
      goal: progress.goal,
      iteration: request.iteration,
      maxIterations: this.options.maxIterations ?? 20,
      tasks: progress.flatten(),
      ready: readyTaskIds(progress),
      replanReason: request.replanReason ?? null,
      ...(this.options.bundles
        ? { bundles: typeof this.options.bundles === 'function' ? this.options.bundles() : this.options.bundles }
        : {}),
      ...(this.options.mcpBundles?.length ? { mcpBundles: this.options.mcpBundles } : {}),
      ...(this.options.bundleDescriptions && Object.keys(this.options.bundleDescriptions).length > 0
        ? { bundleDescriptions: this.options.bundleDescriptions }
        : {}),
    };
    const messages: Parameters<LanguageModel['chat']>[0]['messages'] = [
      { role: 'system', content: prompt.text },
      { role: 'user', content: renderPlannerRequest(state, progress.describe()) },
    ];
    const attempts = this.options.maxAttempts ?? 2;
    let problem = 'no answer';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const started = this.now();
      const response = await this.options.model.chat({
        messages: [...messages],
        responseSchema: { name: PLAN_RESPONSE_NAME, schema: planResponseJsonSchema() },
        signal: request.signal,
        metadata: { role: 'planner', plannerState: state },
      });
      await this.options.onUsage?.(response.usage, this.now() - started);
      const outcome = this.interpret(response.content);
      if (outcome.plan) return this.adopt(outcome.plan, prompt, response.content);
      problem = outcome.problem;
      messages.push(
        { role: 'assistant', content: response.content },
        {
          role: 'user',
          content: `Your answer was invalid: ${problem}\nAnswer again with one JSON object matching the ${PLAN_RESPONSE_NAME} schema.`,
        },
      );
    }
    return this.fallback(prompt, `planner output invalid after ${attempts} attempts: ${problem}`);
  }

  private interpret(
    content: string,
  ): { plan: PlanResponse; problem?: undefined } | { plan?: undefined; problem: string } {
    const json = parseJsonObject(content);
    if (json === undefined) return { problem: 'the answer is not a JSON object' };
    const parsed = planResponseSchema.safeParse(json);
    if (!parsed.success) {
      return { problem: formatZodIssues(parsed.error, '(root)', 5) };
    }
    const problem = validatePlan(parsed.data, this.options.progress);
    return problem ? { problem } : { plan: parsed.data };
  }

  private adopt(plan: PlanResponse, prompt: ActivePrompt, response: string): PlanDecision {
    for (const [failed, contingency] of applyPlan(this.options.progress, plan.tasks)) {
      this.contingencies.set(failed, contingency);
    }
    // A failed task may be retried; a cancelled one was cut short, not judged, and may run again.
    const runnable = new Set(readyTaskIds(this.options.progress, ['pending', 'failed', 'cancelled']));
    return {
      rationale: plan.rationale,
      next: plan.done ? [] : [...new Set(plan.next)].filter((id) => runnable.has(id)),
      done: plan.done,
      finalAnswer: plan.finalAnswer,
      fallback: false,
      prompt,
      response,
    };
  }

  /** Deterministic decision: decompose an empty checklist, run ready tasks, or finish with the results. */
  private fallback(prompt: ActivePrompt, reason: string): PlanDecision {
    const progress = this.options.progress;
    if (progress.roots().length === 0) applyPlan(progress, decomposeGoal(progress.goal));
    const next = readyTaskIds(progress);
    const done = next.length === 0;
    const decision: PlanDecision = {
      rationale: done
        ? 'Fallback: no task can run any more, so the run ends with the results reported so far.'
        : 'Fallback: the goal was split into its sentences and clauses, run in order.',
      next,
      done,
      finalAnswer: done ? composeAnswerFromResults(progress) : '',
      fallback: true,
      reason,
      prompt,
      response: '',
    };
    decision.response = JSON.stringify({ rationale: decision.rationale, next, done: decision.done });
    return decision;
  }
}
