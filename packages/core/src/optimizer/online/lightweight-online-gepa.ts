import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../../actors/actor-prompt';
import { type GepaConfig, gepaConfigSchema } from '../../config/gepa-config';
import { DEFAULT_PLANNER_PROMPT } from '../../planner/planner-prompt';
import type { RunEventInput } from '../../workflow/events';
import type { ReflectionModel } from '../gepa/types';
import type { ActivePrompt, PromptComponent, PromptOptimizer, TaskOutcome } from '../prompt-optimizer';
import {
  isTraceDecision,
  type TraceDecisionInput,
  type TraceExampleInput,
  type TraceRecord,
  timestampMs,
} from '../trace-store/trace-record';
import { type TraceLogger, TraceStore } from '../trace-store/trace-store';
import { clipText } from './clip-text';
import { enhancedDecompMetric } from './enhanced-decomp-metric';
import { meanScore, type OnlineCandidate, recentMean } from './online-candidate';
import type { OnlineGepaMetrics } from './online-metrics';
import { failingEntries, proposePrompt, toReflectiveRecords } from './online-reflection';
import { OnlineState, type TrialDecision } from './online-state';

const MAX_TEXT_CHARS = 4000;
const MAX_EVENT_FEEDBACK_CHARS = 500;

export interface LightweightOnlineGepaOptions {
  /** Absolute path of the JSON-lines trace file (config `trace_path` resolved by the caller). */
  tracePath: string;
  /** gepa_config.yaml values; missing keys take the schema defaults. */
  config?: Partial<GepaConfig>;
  /** Rewrites prompts from feedback; without it outcomes are only recorded. */
  reflectionModel?: ReflectionModel;
  /** Built-in prompts (default: DEFAULT_PLANNER_PROMPT and DEFAULT_ACTOR_PROMPT_TEMPLATE). */
  defaultPrompts?: Partial<Record<PromptComponent, string>>;
  /** Replaces `enhanced_decomp_metric` (the seed's `metric` argument): window scores, oldest first → composite. */
  metric?: (scores: readonly number[]) => number;
  /** Reflection prompt with `<curr_param>` and `<side_info>` (default AIME_REFLECTION_PROMPT_TEMPLATE). */
  reflectionPromptTemplate?: string;
  logger?: TraceLogger;
  now?: () => number;
  /** New candidate ids (default `<component>-<8 hex>`). */
  createId?: (component: PromptComponent) => string;
}

/**
 * Online GEPA inside the AIME loop (the seed's LightweightOnlineGEPA). Every task outcome becomes a
 * TraceExample appended to the trace file; the composite metric (`enhanced_decomp_metric`) over a
 * rolling window decides when to evolve a prompt: below the threshold, a reflective mutation
 * proposes a new prompt from the recent failing traces. The new candidate is used next and kept
 * only if its next window scores at least its parent's; otherwise the best candidate is restored.
 * On start the trace file is replayed, so the best (or the trial in progress) is warm-started.
 */
export class LightweightOnlineGEPA implements PromptOptimizer {
  readonly config: GepaConfig;
  readonly tracePath: string;
  private readonly options: LightweightOnlineGepaOptions;
  private readonly store: TraceStore;
  private readonly state: OnlineState;
  private readonly logger: TraceLogger;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private traceRecords = 0;

  private constructor(options: LightweightOnlineGepaOptions) {
    this.options = options;
    this.config = gepaConfigSchema.parse(options.config ?? {});
    this.tracePath = options.tracePath;
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
    this.now = options.now ?? Date.now;
    this.store = new TraceStore(options.tracePath, { logger: this.logger });
    const weights = { completionWeight: this.config.completion_weight, recencyWeight: this.config.recency_weight };
    this.state = new OnlineState({
      windowSize: this.config.window_size,
      metric: options.metric ?? ((scores) => enhancedDecompMetric(scores, weights)),
      defaults: {
        planner: options.defaultPrompts?.planner ?? DEFAULT_PLANNER_PROMPT,
        actor: options.defaultPrompts?.actor ?? DEFAULT_ACTOR_PROMPT_TEMPLATE,
      },
      components: this.config.components,
    });
  }

  /** Builds the optimizer and replays the trace file (warm start). */
  static async create(options: LightweightOnlineGepaOptions): Promise<LightweightOnlineGEPA> {
    const optimizer = new LightweightOnlineGEPA(options);
    await optimizer.replay();
    return optimizer;
  }

  currentPrompt(component: PromptComponent): ActivePrompt {
    const candidate = this.state.current(component);
    return { component, candidateId: candidate?.id ?? OnlineState.defaultId(component), text: candidate?.prompt ?? '' };
  }

  /** Records one outcome (serialised with other calls); returns the gepa-record / gepa-candidate events. */
  record(outcome: TaskOutcome, signal?: AbortSignal): Promise<RunEventInput[]> {
    const result = this.queue.then(() => this.recordNow(outcome, signal));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every record() so far has been written. */
  async flush(): Promise<void> {
    await this.queue;
  }

  metrics(): OnlineGepaMetrics {
    const trial = this.state.trial;
    const current: OnlineGepaMetrics['current'] = {};
    for (const component of ['planner', 'actor'] as const) {
      const prompt = this.currentPrompt(component);
      current[component] = { candidateId: prompt.candidateId, text: prompt.text };
    }
    return {
      composite: this.state.timeline.at(-1)?.composite ?? null,
      threshold: this.config.threshold,
      timeline: this.state.timeline.map((point) => ({ ...point })),
      candidates: [...this.state.candidates.values()].map((candidate) => ({
        id: candidate.id,
        component: candidate.component,
        parentId: candidate.parentId,
        prompt: candidate.prompt,
        meanScore: meanScore(candidate),
        recentScore: recentMean(candidate),
        uses: candidate.uses,
        status: candidate.status,
        createdAt: candidate.createdAt,
      })),
      current,
      trial: trial
        ? {
            component: trial.component,
            candidateId: trial.candidateId,
            parentId: trial.parentId,
            parentScore: trial.parentScore,
            outcomes: trial.scores.length,
            needed: this.config.window_size,
          }
        : null,
      traceRecords: this.traceRecords,
    };
  }

  private async recordNow(outcome: TaskOutcome, signal: AbortSignal | undefined): Promise<RunEventInput[]> {
    const ts = this.now();
    const { component } = outcome;
    const { candidate, composite } = this.state.observe({
      component,
      candidateId: outcome.candidateId,
      prompt: outcome.prompt,
      score: outcome.score,
      ts,
      response: outcome.response,
      feedback: outcome.feedback,
      goal: outcome.goal,
      taskTitle: outcome.taskTitle,
      taskId: outcome.taskId,
      runId: outcome.runId,
    });
    const events: RunEventInput[] = [
      {
        type: 'gepa-record',
        component,
        candidateId: candidate.id,
        score: outcome.score,
        composite,
        feedback: clipText(outcome.feedback, MAX_EVENT_FEEDBACK_CHARS),
      },
    ];
    const record: TraceExampleInput = {
      prompt: outcome.prompt,
      response: clipText(outcome.response, MAX_TEXT_CHARS),
      score: outcome.score,
      observation: observationSummary(outcome),
      component,
      candidate_id: candidate.id,
      parent_id: candidate.parentId,
      feedback: clipText(outcome.feedback, MAX_TEXT_CHARS),
      timestamp: new Date(ts).toISOString(),
      run_id: outcome.runId,
      task_id: outcome.taskId,
      goal: clipText(outcome.goal, MAX_TEXT_CHARS),
      task_title: clipText(outcome.taskTitle, MAX_TEXT_CHARS),
      composite,
    };
    let decisions: TraceDecisionInput[] = [];
    if (this.state.trialDue()) {
      decisions = this.finishTrial(events, outcome.runId);
    } else if (this.shouldReflect(component, composite)) {
      const proposal = await this.reflect(component, signal, events).catch(async (error: unknown) => {
        // Cancelled mid-reflection: the outcome itself is still recorded.
        await this.persist(record);
        throw error;
      });
      if (proposal) {
        record.new_prompt = proposal.candidate.prompt;
        record.new_candidate_id = proposal.candidate.id;
        record.parent_score = proposal.parentScore;
      }
    }
    await this.persist(record);
    for (const decision of decisions) await this.persist(decision);
    return events;
  }

  private shouldReflect(component: PromptComponent, composite: number): boolean {
    return (
      this.config.enabled &&
      this.options.reflectionModel !== undefined &&
      this.state.trial === undefined &&
      this.config.components.includes(component) &&
      this.state.componentToMutate() === component &&
      composite < this.config.threshold &&
      this.state.outcomesSinceProposal(component) >= this.config.min_traces_before_reflection
    );
  }

  private async reflect(
    component: PromptComponent,
    signal: AbortSignal | undefined,
    events: RunEventInput[],
  ): Promise<{ candidate: OnlineCandidate; parentScore: number } | undefined> {
    const model = this.options.reflectionModel;
    const parent = this.state.current(component);
    if (!model || !parent) return undefined;
    const entries = failingEntries(this.state.window(component), parent.id, this.config.reflection_minibatch_size);
    if (entries.length === 0) return undefined;
    const proposal = await proposePrompt({
      model,
      currentText: parent.prompt,
      records: toReflectiveRecords(entries),
      ...(this.options.reflectionPromptTemplate ? { template: this.options.reflectionPromptTemplate } : {}),
      ...(signal ? { signal } : {}),
      now: this.now,
    });
    if (proposal.usage) {
      events.push({
        type: 'llm-usage',
        role: 'reflection',
        promptTokens: proposal.usage.promptTokens,
        completionTokens: proposal.usage.completionTokens,
        totalTokens: proposal.usage.totalTokens,
        ...(proposal.usage.estimated ? { estimated: true } : {}),
        ms: proposal.ms,
      });
    }
    if (!proposal.ok) {
      this.logger.warn(`online GEPA: no new ${component} prompt (${proposal.reason})`);
      this.state.resetProposalCounters();
      return undefined;
    }
    const parentScore = recentMean(parent) ?? 0;
    const candidate = this.state.propose(component, {
      id: this.options.createId?.(component) ?? `${component}-${crypto.randomUUID().slice(0, 8)}`,
      prompt: proposal.text,
      parentId: parent.id,
      parentScore,
      ts: this.now(),
    });
    events.push({
      type: 'gepa-candidate',
      component,
      candidateId: candidate.id,
      parents: [parent.id],
      prompt: candidate.prompt,
      scores: { parentScore },
      decision: 'proposed',
    });
    return { candidate, parentScore };
  }

  /** Decides the finished trial; returns the decision records to persist and adds the events. */
  private finishTrial(events: RunEventInput[], runId: string | undefined): TraceDecisionInput[] {
    const decision = this.state.decideTrial();
    if (!decision) return [];
    const timestamp = new Date(this.now()).toISOString();
    const records: TraceDecisionInput[] = [decisionRecord(decision, decision.decision, timestamp, runId)];
    events.push(
      candidateEvent(decision.candidate, decision.decision, { mean: decision.mean, parentScore: decision.parentScore }),
    );
    if (decision.restored) {
      records.push(decisionRecord(decision, 'restored', timestamp, runId));
      const restoredScore = recentMean(decision.restored);
      events.push(candidateEvent(decision.restored, 'restored', restoredScore === null ? {} : { mean: restoredScore }));
    }
    return records;
  }

  private async persist(record: TraceExampleInput | TraceDecisionInput): Promise<void> {
    try {
      await this.store.append(record);
      this.traceRecords += 1;
    } catch (error) {
      this.logger.warn(
        `online GEPA: could not append to ${this.tracePath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async replay(): Promise<void> {
    const { records } = await this.store.load();
    let lastTs = 0;
    for (const record of records) {
      lastTs = this.replayRecord(record, lastTs);
      this.traceRecords += 1;
    }
    if (this.state.trialDue()) {
      for (const decision of this.finishTrial([], undefined)) await this.persist(decision);
    }
  }

  private replayRecord(record: TraceRecord, lastTs: number): number {
    const ts = timestampMs(record.timestamp) ?? lastTs;
    if (isTraceDecision(record)) {
      this.state.applyDecision({
        decision: record.decision,
        component: record.component,
        candidateId: record.candidate_id,
        parentId: record.parent_id ?? null,
        prompt: record.prompt,
        ts,
      });
      return ts;
    }
    const component = record.component ?? 'planner';
    const { candidate } = this.state.observe({
      component,
      ...(record.candidate_id !== undefined ? { candidateId: record.candidate_id } : {}),
      parentId: record.parent_id ?? null,
      prompt: record.prompt,
      score: record.score,
      ts,
      response: record.response,
      feedback: record.feedback ?? record.observation ?? '',
      goal: record.goal ?? '',
      taskTitle: record.task_title ?? '',
      taskId: record.task_id ?? '',
      runId: record.run_id ?? null,
    });
    const newPrompt = record.new_prompt?.trim();
    if (newPrompt) {
      if (record.new_candidate_id) {
        this.state.propose(component, {
          id: record.new_candidate_id,
          prompt: newPrompt,
          parentId: candidate.id,
          parentScore: record.parent_score ?? recentMean(candidate) ?? 0,
          ts,
        });
      } else {
        this.state.adoptLegacy(component, newPrompt, ts);
      }
    }
    return ts;
  }
}

function observationSummary(outcome: TaskOutcome): string {
  const verdict = outcome.score >= 1 ? 'completed' : outcome.score <= 0 ? 'failed' : `scored ${outcome.score}`;
  const detail = (outcome.score >= 1 ? outcome.response : outcome.feedback || outcome.response).replace(/\s+/g, ' ');
  return clipText(`${outcome.taskTitle || outcome.taskId}: ${verdict} — ${detail}`.trim(), 300);
}

function decisionRecord(
  decision: TrialDecision,
  kind: 'accepted' | 'rejected' | 'restored',
  timestamp: string,
  runId: string | undefined,
): TraceDecisionInput {
  const candidate = kind === 'restored' && decision.restored ? decision.restored : decision.candidate;
  return {
    kind: 'decision',
    decision: kind,
    component: candidate.component,
    candidate_id: candidate.id,
    parent_id: candidate.parentId,
    prompt: candidate.prompt,
    mean_score: kind === 'restored' ? recentMean(candidate) : decision.mean,
    parent_score: kind === 'restored' ? null : decision.parentScore,
    timestamp,
    ...(runId ? { run_id: runId } : {}),
    source: 'online',
  };
}

function candidateEvent(
  candidate: OnlineCandidate,
  decision: 'accepted' | 'rejected' | 'restored',
  scores: Record<string, number>,
): RunEventInput {
  return {
    type: 'gepa-candidate',
    component: candidate.component,
    candidateId: candidate.id,
    parents: candidate.parentId ? [candidate.parentId] : [],
    prompt: candidate.prompt,
    scores,
    decision,
  };
}
