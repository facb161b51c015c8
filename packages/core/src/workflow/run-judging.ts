import { type ActorKnowledge, renderKnowledge } from '../actors/actor-factory';
import type { ActorReport } from '../actors/actor-report';
import type { DynamicActor } from '../actors/dynamic-actor';
import type { Judge, Judgement } from '../judge/judge';
import { judgeVerdictEvent } from '../judge/judge-verdict-event';
import { type TaskEvidence, TaskEvidenceRecorder } from '../judge/task-evidence';
import { taskStats } from '../judge/task-stats';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';
import { llmUsageEvent } from '../protocol/llm-usage-event';
import type { ActivePrompt, PromptOptimizer, TaskOutcome } from '../protocol/prompt-optimizer';
import type { FinalRunStatus, RunEventInput } from '../protocol/run-events';
import { goalFeedback, outcomeFeedback } from './outcome-feedback';
import { recordOutcome } from './record-outcomes';

export interface RunJudgingOptions {
  judge: Judge;
  goal: string;
  runId: string;
  workspaceRoot: string;
  signal: AbortSignal;
  progress: ProgressManager;
  optimizer: PromptOptimizer | undefined;
  emit: (event: RunEventInput) => Promise<void>;
}

/** The planner's side of the goal verdict: the prompt that planned the run and what it answered. */
export interface PlannerAttempt {
  prompt: ActivePrompt;
  response: string;
}

/**
 * The judging of one run: collects each task's evidence from the run's events, judges every actor
 * attempt and the final answer, emits the verdicts and gives the judge's score (not the actor's
 * claim) to the optimizer as the component's outcome.
 */
export class RunJudging {
  private readonly options: RunJudgingOptions;
  private readonly evidence = new TaskEvidenceRecorder();
  /** Every judged attempt's evidence, for the goal verdict. */
  private readonly runEvidence: TaskEvidence[] = [];

  constructor(options: RunJudgingOptions) {
    this.options = options;
  }

  /** Every event of the run passes here first: tool calls and results become the task's evidence. */
  observe(event: RunEventInput): void {
    this.evidence.observe(event);
  }

  /** Judges one actor attempt, emits the verdict and reports it to the optimizer as the actor's outcome. */
  async judgeAttempt(
    task: TaskNode,
    actor: DynamicActor,
    report: ActorReport,
    knowledge: ActorKnowledge,
  ): Promise<Judgement> {
    const { goal, signal, emit } = this.options;
    const evidence = this.evidence.take(task.id);
    this.runEvidence.push(evidence);
    const judgement = await this.options.judge.judgeTask({
      goal,
      task: {
        id: task.id,
        title: task.title,
        ...(task.completionCriteria ? { completionCriteria: task.completionCriteria } : {}),
      },
      report,
      evidence,
      ...(knowledge.results.length > 0 ? { priorResults: renderKnowledge(knowledge) } : {}),
      workspaceRoot: this.options.workspaceRoot,
      signal,
      onUsage: (usage, ms) => emit(llmUsageEvent('judge', usage, ms, task.id)),
    });
    await emit(judgeVerdictEvent(judgement, { scope: 'task', taskId: task.id, claimedStatus: report.status }));
    await this.record({
      taskId: task.id,
      taskTitle: task.title,
      component: 'actor',
      candidateId: actor.options.prompt.candidateId,
      prompt: actor.options.prompt.text,
      response: report.summary,
      score: judgement.verdict.score,
      feedback: outcomeFeedback(task, report, judgement),
      claimedStatus: report.status,
      verdict: judgement.verdict,
      stats: taskStats(evidence),
    });
    return judgement;
  }

  /** Judges the final answer against the goal; its score is the planner component's outcome. */
  async judgeGoal(
    outcome: { status: FinalRunStatus; finalAnswer: string; error: string | undefined },
    planner: PlannerAttempt,
  ): Promise<Judgement> {
    const { goal, signal, emit, progress } = this.options;
    const judgement = await this.options.judge.judgeGoal({
      goal,
      finalAnswer: outcome.finalAnswer,
      status: outcome.status,
      ...(outcome.error ? { error: outcome.error } : {}),
      tasks: progress.flatten(),
      evidence: this.runEvidence,
      workspaceRoot: this.options.workspaceRoot,
      signal,
      onUsage: (usage, ms) => emit(llmUsageEvent('judge', usage, ms)),
    });
    await emit(judgeVerdictEvent(judgement, { scope: 'goal' }));
    await this.record({
      taskId: 'goal',
      taskTitle: goal,
      component: 'planner',
      candidateId: planner.prompt.candidateId,
      prompt: planner.prompt.text,
      response: planner.response || outcome.finalAnswer,
      score: judgement.verdict.score,
      feedback: goalFeedback(judgement, progress.flatten()),
      verdict: judgement.verdict,
    });
    return judgement;
  }

  /** Gives the optimizer (if any) one judged outcome of this run and emits the events it returns. */
  private async record(outcome: Omit<TaskOutcome, 'runId' | 'goal'>): Promise<void> {
    const { optimizer, runId, goal, signal, emit } = this.options;
    if (!optimizer) return;
    await recordOutcome({ optimizer, outcome: { runId, goal, ...outcome }, signal, emit });
  }
}
