import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../../actors/actor-prompt';
import { type GEPAConfig, gepaConfigSchema } from '../../config/gepa-config';
import { DEFAULT_PLANNER_PROMPT } from '../../planner/planner-prompt';
import type { ActivePrompt, PromptComponent, PromptOptimizer, TaskOutcome } from '../../protocol/prompt-optimizer';
import type { RunEventInput } from '../../protocol/run-events';
import type { ReflectionModel } from '../gepa/types';
import type { GEPATraceLog, TraceCatchUp, TraceRecordInput } from '../trace-store/trace-log';
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
  tracePath?: string;
  /**
   * Where the records go instead of the file at `tracePath`: a shared log (PostgreSQL in the
   * scale-out mode) makes every decision on one history with the other processes using it.
   */
  traceLog?: GEPATraceLog;
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
 *
 * With a shared trace log every record() is one step under the log's lock: it first applies what
 * the other processes recorded, then observes, decides a due trial or reflects, and appends — so
 * two processes never decide on different histories. `refresh()` (the workflow calls it before
 * each planning step and each batch of tasks) and the log's append notifications pull in the
 * others' decisions, so a prompt adopted anywhere is used from the next task on.
 */
export class LightweightOnlineGEPA implements PromptOptimizer {
  readonly config: GEPAConfig;
  /** The trace file's path, or where a shared log keeps the records. */
  readonly tracePath: string;
  private readonly options: LightweightOnlineGEPAOptions;
  private readonly log: GEPATraceLog;
  private state: OnlineState;
  private readonly logger: TraceLogger;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private traceRecords = 0;
  private lastTs = 0;
  private unsubscribe: (() => void) | undefined;

  private constructor(options: LightweightOnlineGEPAOptions) {
    this.options = options;
    this.config = gepaConfigSchema.parse(options.config ?? {});
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
    this.now = options.now ?? Date.now;
    if (options.traceLog) this.log = options.traceLog;
    else if (options.tracePath !== undefined) this.log = new TraceStore(options.tracePath, { logger: this.logger });
    else throw new TypeError('LightweightOnlineGEPA needs a tracePath or a traceLog');
    this.tracePath = this.log.location;
    this.state = this.createState();
  }

  /** Builds the optimizer and replays the trace file (warm start). */
  static async create(options: LightweightOnlineGEPAOptions): Promise<LightweightOnlineGEPA> {
    const optimizer = new LightweightOnlineGEPA(options);
    await optimizer.replay();
    optimizer.unsubscribe = optimizer.log.onAppend?.(() => void optimizer.refresh());
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

  /** Applies what other processes recorded in a shared log (read-through before a task); nothing for the file. */
  async refresh(): Promise<void> {
    if (!this.log.shared) return;
    try {
      await this.log.catchUp((catchUp) => this.apply(catchUp));
    } catch (error) {
      this.logger.warn(`online GEPA: could not read ${this.tracePath}: ${errorMessage(error)}`);
    }
  }

  /** Resolves when every record() so far has been written. */
  async flush(): Promise<void> {
    await this.queue;
  }

  /** Stops following a shared log's notifications (the log itself belongs to its creator). */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.flush();
  }

  metrics(): OnlineGEPAMetrics {
    return onlineMetrics(this.state, {
      threshold: this.config.threshold,
      windowSize: this.config.window_size,
      traceRecords: this.traceRecords,
    });
  }

  private createState(): OnlineState {
    const weights = { completionWeight: this.config.completion_weight, recencyWeight: this.config.recency_weight };
    return new OnlineState({
      windowSize: this.config.window_size,
      metric: this.options.metric ?? ((scores) => enhancedDecompMetric(scores, weights)),
      defaults: { planner: DEFAULT_PLANNER_PROMPT, actor: DEFAULT_ACTOR_PROMPT_TEMPLATE },
      components: this.config.components,
    });
  }

  /** Replays records through the same transitions the writer made (from scratch when asked). */
  private apply(catchUp: TraceCatchUp): void {
    if (catchUp.fromStart) {
      this.state = this.createState();
      this.traceRecords = 0;
      this.lastTs = 0;
    }
    for (const record of catchUp.records) this.lastTs = replayTraceRecord(this.state, record, this.lastTs);
    this.traceRecords += catchUp.records.length;
  }

  private async recordNow(outcome: TaskOutcome, signal: AbortSignal | undefined): Promise<RunEventInput[]> {
    const step: { output?: StepOutput } = {};
    await this.write(
      async (catchUp) => {
        this.apply(catchUp);
        step.output = await this.decide(outcome, signal);
        return step.output.records;
      },
      () => step.output !== undefined,
    );
    const { output } = step;
    if (!output) throw new Error('online GEPA: the trace log ran no step');
    if (output.error !== undefined) throw output.error;
    return output.events;
  }

  /**
   * One step on the log. A failure to write is logged, never thrown (the outcome is in memory);
   * a failure before the step produced its records (e.g. the database is down) is thrown.
   */
  private async write(
    step: (catchUp: TraceCatchUp) => Promise<TraceRecordInput[]>,
    produced: () => boolean,
  ): Promise<void> {
    try {
      const written = await this.log.update(async (catchUp) => {
        const records = await step(catchUp);
        return { records, result: records.length };
      });
      this.traceRecords += written;
    } catch (error) {
      if (!produced()) throw error;
      this.logger.warn(`online GEPA: could not append to ${this.tracePath}: ${errorMessage(error)}`);
    }
  }

  /** Observes the outcome, then decides a due trial or reflects; returns the records to append. */
  private async decide(outcome: TaskOutcome, signal: AbortSignal | undefined): Promise<StepOutput> {
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
    this.lastTs = ts;
    const events: RunEventInput[] = [gepaRecordEvent(outcome, candidate, composite)];
    const record: TraceExampleInput = traceExample(outcome, candidate, composite, ts);
    if (this.state.trialDue()) return { records: [record, ...this.finishTrial(events, outcome.runId)], events };
    if (!this.shouldReflect(component, composite)) return { records: [record], events };
    try {
      const proposal = await this.reflect(component, signal, events);
      if (proposal) {
        record.new_prompt = proposal.candidate.prompt;
        record.new_candidate_id = proposal.candidate.id;
        if (proposal.candidate.parentId) record.new_parent_id = proposal.candidate.parentId;
        record.parent_score = proposal.parentScore;
      }
      return { records: [record], events };
    } catch (error) {
      // Cancelled mid-reflection: the outcome itself is still recorded.
      return { records: [record], events, error };
    }
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

  private async replay(): Promise<void> {
    const { records } = await this.log.load();
    this.apply({ records, fromStart: true });
    // A trial whose window filled up before the last process stopped is decided now.
    await this.write(
      async (catchUp) => {
        this.apply(catchUp);
        return this.state.trialDue() ? this.finishTrial([], undefined) : [];
      },
      () => true,
    );
  }
}

interface StepOutput {
  records: Array<TraceExampleInput | TraceDecisionInput>;
  events: RunEventInput[];
  /** A reflection that failed (cancelled): thrown after the outcome is written. */
  error?: unknown;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
