import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../../actors/actor-prompt';
import { type GEPAConfig, gepaConfigSchema } from '../../config/gepa-config';
import { DEFAULT_PLANNER_PROMPT } from '../../planner/planner-prompt';
import type { ActivePrompt, PromptComponent, PromptOptimizer, TaskOutcome } from '../../protocol/prompt-optimizer';
import type { RunEventInput } from '../../protocol/run-events';
import type { ReflectionModel } from '../gepa/types';
import type { TraceDecisionInput, TraceExampleInput } from '../trace-store/trace-record';
import { type TraceLogger, TraceStore } from '../trace-store/trace-store';
import { enhancedDecompMetric } from './enhanced-decomp-metric';
import { type OnlineGEPAMetrics, onlineMetrics } from './online-metrics';
import { type CandidateProposal, proposeCandidate } from './online-proposal';
import { OnlineState } from './online-state';
import { gepaRecordEvent, outcomeDetails, traceExample } from './outcome-records';
import { replayTraceRecord } from './replay-trace';
import { trialDecisionRecords } from './trial-decision-records';

export interface LightweightOnlineGEPAOptions {
  /** Absolute path of the JSON-lines trace file (config `trace_path` resolved by the caller). */
  tracePath: string;
  /** gepa_config.yaml values; missing keys take the schema defaults. */
  config?: Partial<GEPAConfig>;
  /** Rewrites prompts from feedback; without it outcomes are only recorded. */
  reflectionModel?: ReflectionModel;
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
  readonly config: GEPAConfig;
  readonly tracePath: string;
  private readonly options: LightweightOnlineGEPAOptions;
  private readonly store: TraceStore;
  private readonly state: OnlineState;
  private readonly logger: TraceLogger;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private traceRecords = 0;

  private constructor(options: LightweightOnlineGEPAOptions) {
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
      defaults: { planner: DEFAULT_PLANNER_PROMPT, actor: DEFAULT_ACTOR_PROMPT_TEMPLATE },
      components: this.config.components,
    });
  }

  /** Builds the optimizer and replays the trace file (warm start). */
  static async create(options: LightweightOnlineGEPAOptions): Promise<LightweightOnlineGEPA> {
    const optimizer = new LightweightOnlineGEPA(options);
    await optimizer.replay();
    return optimizer;
  }

  currentPrompt(component: PromptComponent): ActivePrompt {
    return { component, ...this.state.currentPrompt(component) };
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

  metrics(): OnlineGEPAMetrics {
    return onlineMetrics(this.state, {
      threshold: this.config.threshold,
      windowSize: this.config.window_size,
      traceRecords: this.traceRecords,
    });
  }

  private async recordNow(outcome: TaskOutcome, signal: AbortSignal | undefined): Promise<RunEventInput[]> {
    const ts = this.now();
    const { component } = outcome;
    const details = outcomeDetails(outcome);
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
      ...(details ? { details } : {}),
    });
    const events: RunEventInput[] = [gepaRecordEvent(outcome, candidate, composite)];
    const record: TraceExampleInput = traceExample(outcome, candidate, composite, ts);
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
    await this.persist(record, ...decisions);
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
  ): Promise<CandidateProposal | undefined> {
    const model = this.options.reflectionModel;
    if (!model) return undefined;
    const result = await proposeCandidate({
      state: this.state,
      component,
      model,
      minibatchSize: this.config.reflection_minibatch_size,
      ...(this.options.reflectionPromptTemplate
        ? { reflectionPromptTemplate: this.options.reflectionPromptTemplate }
        : {}),
      ...(this.options.createId ? { createId: this.options.createId } : {}),
      ...(signal ? { signal } : {}),
      logger: this.logger,
      now: this.now,
    });
    events.push(...result.events);
    return result.proposal;
  }

  /** Decides the finished trial; returns the decision records to persist and adds the events. */
  private finishTrial(events: RunEventInput[], runId: string | undefined): TraceDecisionInput[] {
    const decision = this.state.decideTrial();
    if (!decision) return [];
    const output = trialDecisionRecords(decision, new Date(this.now()).toISOString(), runId);
    events.push(...output.events);
    return output.records;
  }

  /** Appends the records in one write; a failure is logged, never thrown (the outcome is in memory). */
  private async persist(...records: Array<TraceExampleInput | TraceDecisionInput>): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.store.append(...records);
      this.traceRecords += records.length;
    } catch (error) {
      this.logger.warn(
        `online GEPA: could not append to ${this.tracePath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async replay(): Promise<void> {
    const { records } = await this.store.load();
    let lastTs = 0;
    for (const record of records) lastTs = replayTraceRecord(this.state, record, lastTs);
    this.traceRecords = records.length;
    if (this.state.trialDue()) await this.persist(...this.finishTrial([], undefined));
  }
}
