import type { JudgeMode } from '../config/judge-config';
import type { LanguageModel, TokenUsage } from '../llm/types';
import type { JudgeCheck, JudgeVerdict } from '../protocol/judge-verdict';
import type { FinalRunStatus } from '../protocol/run-events';
import type { TaskSnapshot } from '../protocol/task-status';
import type { CheckInput } from './checks/check-input';
import { runChecks } from './checks/run-checks';
import { DEFAULT_JUDGE_PROMPT } from './judge-prompt';
import type { JudgementRequest } from './judgement-request';
import { askModelJudgement } from './model-judgement';
import type { TaskEvidence } from './task-evidence';

/** Who decided a verdict: the model judgement, the checks, the actor's own failure report, or nobody. */
export type VerdictSource = 'model' | 'checks' | 'claim' | 'off';

export interface Judgement {
  verdict: JudgeVerdict;
  source: VerdictSource;
  /** Set when the model judgement failed and the checks decided: what went wrong. */
  fallback?: string;
}

export interface JudgeOptions {
  mode: JudgeMode;
  /** The judge model (required for mode `model`). */
  model?: LanguageModel;
  /** The judge's system prompt (default DEFAULT_JUDGE_PROMPT). */
  prompt?: string;
  /** Longest wait for one judge answer (default 60 s); beyond it the checks decide. */
  timeoutMs?: number;
  now?: () => number;
}

interface JudgementContext {
  workspaceRoot: string;
  signal: AbortSignal;
  /** Called with the judge call's token usage (role `judge`). */
  onUsage?(usage: TokenUsage, ms: number): void | Promise<void>;
}

export interface TaskJudgementInput extends JudgementContext {
  goal: string;
  task: { id: string; title: string; completionCriteria?: string };
  report: {
    status: 'complete' | 'failed';
    summary: string;
    references: readonly string[];
    failedObservations?: readonly string[];
    stopReason?: string;
  };
  evidence: TaskEvidence;
  /** The earlier results the actor was given (its knowledge), as text. */
  priorResults?: string;
}

export interface GoalJudgementInput extends JudgementContext {
  goal: string;
  finalAnswer: string;
  status: FinalRunStatus;
  error?: string;
  tasks: readonly TaskSnapshot[];
  evidence: readonly TaskEvidence[];
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Scores a task result against its completion criteria, and a run's final answer against its goal:
 * deterministic checks first (a failed check fails the answer without a model call), then the
 * model judgement with a replaceable prompt. A judge fault never fails the run: the checks decide
 * and the verdict says so (`fallback`).
 */
export class Judge {
  readonly mode: JudgeMode;
  private readonly options: JudgeOptions;

  constructor(options: JudgeOptions) {
    if (options.mode === 'model' && !options.model) throw new Error('Judge: mode "model" needs a model');
    this.options = options;
    this.mode = options.mode;
  }

  get prompt(): string {
    return this.options.prompt ?? DEFAULT_JUDGE_PROMPT;
  }

  async judgeTask(input: TaskJudgementInput): Promise<Judgement> {
    const { report, task } = input;
    if (report.status === 'failed')
      return claimJudgement(false, failureFeedback(input), this.mode === 'off' ? 'off' : 'claim');
    if (this.mode === 'off') return claimJudgement(true, report.summary, 'off');
    const request = task.completionCriteria
      ? `${task.title} (completion criteria: ${task.completionCriteria})`
      : task.title;
    const checkInput: CheckInput = {
      workspaceRoot: input.workspaceRoot,
      request,
      answer: report.summary,
      references: report.references,
      evidence: [input.evidence],
      ...(input.priorResults ? { priorResults: input.priorResults } : {}),
    };
    return this.decide(checkInput, input, {
      scope: 'task',
      goal: input.goal,
      request,
      task: { ...task },
      claimedStatus: report.status,
      answer: report.summary,
      references: report.references,
      evidence: [input.evidence],
      checks: [],
      ...(input.priorResults ? { priorResults: input.priorResults } : {}),
    });
  }

  async judgeGoal(input: GoalJudgementInput): Promise<Judgement> {
    if (input.status !== 'completed') {
      const failed = input.tasks
        .filter((task) => task.status === 'failed')
        .slice(-2)
        .map((task) => `[${task.id}] ${task.summary ?? task.title}`.slice(0, 400));
      const why = failed.length > 0 ? ` Failed: ${failed.join(' | ')}` : '';
      const feedback = `The run ended ${input.status}${input.error ? `: ${input.error}` : ''}; the goal was not achieved.${why}`;
      return claimJudgement(false, feedback, this.mode === 'off' ? 'off' : 'claim');
    }
    if (this.mode === 'off')
      return claimJudgement(true, 'The judge is off; the planner declared the goal done.', 'off');
    const checkInput: CheckInput = {
      workspaceRoot: input.workspaceRoot,
      request: input.goal,
      answer: input.finalAnswer,
      references: [],
      evidence: input.evidence,
    };
    return this.decide(checkInput, input, {
      scope: 'goal',
      goal: input.goal,
      request: input.goal,
      answer: input.finalAnswer,
      references: [],
      evidence: input.evidence,
      checks: [],
      taskResults: input.tasks
        .filter((task) => task.status === 'complete' || task.status === 'failed')
        .map((task) => {
          const verdict = task.verdict ? ` (judge: ${task.verdict.verdict} ${task.verdict.score})` : '';
          return `[${task.id}] ${task.title} — ${task.status}${verdict}: ${task.summary ?? ''}`.slice(0, 600);
        })
        .join('\n'),
    });
  }

  private async decide(
    checkInput: CheckInput,
    context: JudgementContext,
    request: JudgementRequest,
  ): Promise<Judgement> {
    const checks = await runChecks(checkInput);
    const failed = checks.filter((check) => !check.passed);
    if (failed.length > 0) {
      const feedback = `Failed checks: ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}.`;
      return { verdict: { score: 0, verdict: 'fail', feedback, checks }, source: 'checks' };
    }
    const byChecks = checksJudgement(checks);
    if (this.mode === 'checks' || !this.options.model) return byChecks;
    const now = this.options.now ?? Date.now;
    const answer = await askModelJudgement({
      model: this.options.model,
      systemPrompt: this.prompt,
      request: { ...request, checks },
      signal: context.signal,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      now,
    });
    if (answer.usage) await context.onUsage?.(answer.usage, answer.ms);
    if (!answer.ok) return { ...byChecks, fallback: answer.reason };
    return { verdict: { ...answer.verdict, checks }, source: 'model' };
  }
}

function checksJudgement(checks: JudgeCheck[]): Judgement {
  const feedback =
    checks.length === 0
      ? 'No deterministic check applies; the result is accepted as reported.'
      : `All checks passed: ${checks.map((check) => check.detail).join('; ')}.`;
  return { verdict: { score: 1, verdict: 'pass', feedback, checks }, source: 'checks' };
}

function claimJudgement(passed: boolean, feedback: string, source: VerdictSource): Judgement {
  return {
    verdict: { score: passed ? 1 : 0, verdict: passed ? 'pass' : 'fail', feedback, checks: [] },
    source,
  };
}

function failureFeedback(input: TaskJudgementInput): string {
  const { report } = input;
  const stopped = report.stopReason ? ` (${report.stopReason})` : '';
  const failures = (report.failedObservations ?? []).slice(-3);
  const observed = failures.length > 0 ? ` Failing observations: ${failures.join(' | ')}` : '';
  return `The actor reported failure${stopped}: ${report.summary}.${observed}`;
}
