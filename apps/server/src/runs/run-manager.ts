import { basename } from 'node:path';
import { type FinalRunStatus, normalizeError, type RunEvent, runEventSchema } from '@gepa-aime/core';
import type { ApprovalBroker } from '../approvals/approval-broker';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import type { FileRunStore, RunLogContents } from './file-run-store';
import { KeyedChain } from './keyed-chain';
import { raceTimeout } from './race-timeout';
import type { RunCoordinator, SubmitRunInput } from './run-coordinator';
import type { RunExecutor, RunRequest } from './run-executor';
import { RunIndex } from './run-index';
import { newRunQueuedRecord } from './run-log-record';
import { contiguousPrefix } from './run-log-repair';
import type { RunManagerLogger } from './run-observer';
import { applyRunRecord, createRunState, isFinalStatus, type RunState, reportFromState } from './run-state';
import { TracesLock } from './traces-lock';

export type { RunManagerLogger, RunObserver } from './run-observer';

export interface RunManagerOptions {
  store: FileRunStore;
  executor: RunExecutor;
  concurrency: number;
  logger?: RunManagerLogger;
  /** Parks approval requests until an operator answers (POST /runs/:id/approvals/:callId). */
  approvals?: ApprovalBroker;
  /** How long `cancel` waits for a running run to stop before answering (default 5 s). */
  cancelWaitMs?: number;
}

export type { SubmitRunInput } from './run-coordinator';

interface ActiveRun {
  controller: AbortController;
  /** The stop comes from a shutdown: the run ends `interrupted`, not `cancelled`. */
  interrupted: boolean;
  done: Promise<void>;
}

const SILENT_LOGGER: RunManagerLogger = { info() {}, warn() {}, error() {} };

/**
 * Owns every run: a FIFO queue under a concurrency limit, one AbortController per running run,
 * and the index (folded from the logs, so a restart loses nothing). Every change is written to
 * the run's log before observers hear of it.
 */
export class RunManager extends RunIndex implements RunCoordinator {
  private readonly queue: Array<{ runId: string; request: RunRequest }> = [];
  private readonly active = new Map<string, ActiveRun>();
  /** Per-run chain: log writes and state updates of one run happen strictly in order. */
  private readonly chains: KeyedChain;
  private accepting = true;
  private readonly lock: TracesLock;

  constructor(private readonly options: RunManagerOptions) {
    super(options.logger ?? SILENT_LOGGER);
    this.chains = new KeyedChain((runId, error) =>
      this.logger.error({ runId, error: normalizeError(error).message }, 'could not record a run event'),
    );
    this.lock = new TracesLock(options.store.directory);
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  get activeCount(): number {
    return this.active.size;
  }

  get concurrency(): number {
    return this.options.concurrency;
  }

  /**
   * Rebuilds the index from the logs. A run without `run-end` was queued or running when the
   * previous process died: its torn tail is repaired and a `run-end` with status `interrupted` appended.
   */
  async recover(): Promise<{ runs: number; interrupted: string[] }> {
    const { store } = this.options;
    await store.initialise();
    await this.lock.acquire();
    const interrupted: string[] = [];
    const runIds = await store.listRunIds();
    for (const entry of store.ignoredEntries) this.logger.warn({ file: entry }, 'not a regular file: skipped');
    for (const runId of runIds) {
      let contents: RunLogContents;
      try {
        contents = await store.read(runId);
      } catch (error) {
        this.logger.warn({ file: store.pathOf(runId), err: error }, 'run log unreadable: skipped');
        continue;
      }
      const repaired = contiguousPrefix(contents.records);
      let repairNote: string | undefined;
      if (repaired.dropped > 0) {
        const kept = await store.quarantine(runId, repaired.records);
        repairNote =
          `run log repaired at start-up: ${repaired.reason}; ${repaired.dropped} record(s) from there on ` +
          `left out (the original is kept as ${basename(kept)})`;
        this.logger.warn({ runId, file: store.pathOf(runId), kept }, repairNote);
        contents = await store.read(runId);
      }
      let run: RunState | undefined;
      for (const record of contents.records) {
        run = applyRunRecord(run, { ...record, runId });
        if (record.type !== 'run-queued') this.notify((observer) => observer.onRecoveredEvent?.(record));
      }
      if (!run) {
        this.logger.warn({ runId }, 'run log has no readable record; skipped');
        continue;
      }
      if (contents.skippedLines > 0)
        this.logger.warn({ runId, skipped: contents.skippedLines }, 'unreadable log lines skipped');
      this.runs.set(runId, run);
      if (!isFinalStatus(run.status)) {
        await store.repairTail(runId, contents);
        const wasRunning = run.status === 'running';
        await this.appendRunEnd(
          run,
          'interrupted',
          repairNote ?? `the server stopped while the run was ${wasRunning ? 'running' : 'queued'}`,
        );
        interrupted.push(runId);
      } else if (repairNote !== undefined) {
        // The run did end; what followed its end is dropped, and its status says so.
        run.error = run.error === null ? repairNote : `${run.error}; ${repairNote}`;
      }
    }
    if (interrupted.length > 0)
      this.logger.warn({ runs: interrupted }, 'runs in flight at the last stop marked interrupted');
    return { runs: this.runs.size, interrupted };
  }

  async submit(input: SubmitRunInput): Promise<RunState> {
    if (!this.accepting) throw new ServiceUnavailableError('the server is shutting down and accepts no new runs');
    const record = newRunQueuedRecord(input);
    const { runId } = record;
    await this.options.store.append(runId, record);
    const run = applyRunRecord(createRunState(runId, input.goal, record.ts), record);
    this.runs.set(runId, run);
    this.queue.push({ runId, request: { runId, ...input } });
    this.logger.info({ runId }, 'run queued');
    this.notifyRunChange(run);
    this.pump();
    return run;
  }

  /** Idempotent: cancels a queued or running run, waits (bounded) for it to stop, returns its state. */
  async cancel(runId: string): Promise<RunState> {
    const run = this.require(runId);
    const queuedIndex = this.queue.findIndex((entry) => entry.runId === runId);
    if (queuedIndex !== -1) {
      this.queue.splice(queuedIndex, 1);
      await this.appendRunEnd(run, 'cancelled', 'cancelled before it started');
      return run;
    }
    const active = this.active.get(runId);
    if (active) {
      if (!active.controller.signal.aborted) {
        this.logger.info({ runId }, 'run cancel requested');
        active.controller.abort(new Error('cancelled by request'));
      }
      await raceTimeout(active.done, this.options.cancelWaitMs ?? 5000);
    }
    return run;
  }

  /** Stops accepting runs, interrupts queued and running ones (bounded wait), flushes the logs. */
  async shutdown(graceMs = 10_000): Promise<void> {
    this.accepting = false;
    for (const { runId } of this.queue.splice(0)) {
      const run = this.runs.get(runId);
      if (run) await this.appendRunEnd(run, 'interrupted', 'the server stopped before the run started');
    }
    const running = [...this.active.entries()];
    for (const [, active] of running) {
      active.interrupted = true;
      active.controller.abort(new Error('server shutting down'));
    }
    await raceTimeout(Promise.all(running.map(([, active]) => active.done)), graceMs);
    for (const [runId] of running) {
      const run = this.runs.get(runId);
      if (run && !isFinalStatus(run.status)) {
        await this.appendRunEnd(run, 'interrupted', 'the server stopped while the run was running');
      }
    }
    await this.chains.allSettled();
    await this.options.store.close();
    await this.lock.release();
  }

  private pump(): void {
    while (this.accepting && this.active.size < this.options.concurrency && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next) this.start(next.runId, next.request);
    }
  }

  private start(runId: string, request: RunRequest): void {
    const run = this.runs.get(runId);
    if (!run) return;
    const active: ActiveRun = { controller: new AbortController(), interrupted: false, done: Promise.resolve() };
    this.active.set(runId, active);
    // A running run appends an event at a time: keep its log open until its run-end is written.
    this.options.store.retain(runId);
    run.status = 'running';
    run.startedAt = Date.now();
    this.logger.info({ runId }, 'run started');
    this.notifyRunChange(run);
    active.done = this.execute(run, request, active).finally(() => {
      this.active.delete(runId);
      this.pump();
    });
  }

  private async execute(run: RunState, request: RunRequest, active: ActiveRun): Promise<void> {
    const { signal } = active.controller;
    let failure: string | undefined;
    try {
      await this.options.executor(request, {
        signal,
        onEvent: (event) => this.chains.run(run.id, () => this.recordEvent(run, event, active)),
        ...(this.options.approvals ? { approvals: this.options.approvals.gateFor(run.id) } : {}),
      });
    } catch (error) {
      failure = normalizeError(error).message;
      this.logger.error({ runId: run.id, error: failure }, 'run executor failed');
    }
    await this.chains.settled(run.id);
    if (!isFinalStatus(run.status)) {
      const status: FinalRunStatus = active.interrupted ? 'interrupted' : signal.aborted ? 'cancelled' : 'failed';
      await this.appendRunEnd(run, status, failure ?? 'the workflow ended without a run-end event');
    }
    this.logger.info({ runId: run.id, status: run.status }, 'run ended');
  }

  private async recordEvent(run: RunState, incoming: RunEvent, active: ActiveRun): Promise<void> {
    // Events after the run ended (e.g. a forced stop at shutdown) and replays of a seq are dropped.
    if (isFinalStatus(run.status) || incoming.seq <= run.lastSeq) return;
    let event: RunEvent = incoming.runId === run.id ? incoming : { ...incoming, runId: run.id };
    const contract = runEventSchema.safeParse(event);
    if (!contract.success) {
      // Logged anyway (nothing is dropped), but readers skip lines outside the contract: say so loudly.
      this.logger.error(
        { runId: run.id, seq: event.seq, type: event.type, issues: contract.error.issues.slice(0, 5) },
        'event does not match the RunEvent schema',
      );
    }
    if (event.type === 'run-end' && active.interrupted && event.status === 'cancelled') {
      event = { ...event, status: 'interrupted', report: event.report && { ...event.report, status: 'interrupted' } };
    }
    await this.write(run, event);
  }

  private appendRunEnd(run: RunState, status: FinalRunStatus, error: string): Promise<void> {
    return this.chains.run(run.id, async () => {
      if (isFinalStatus(run.status)) return;
      const event: RunEvent = {
        type: 'run-end',
        runId: run.id,
        seq: run.lastSeq + 1,
        ts: Date.now(),
        status,
        error,
        report: reportFromState(run, status, error),
      };
      await this.write(run, event);
    });
  }

  private async write(run: RunState, event: RunEvent): Promise<void> {
    await this.options.store.append(run.id, event);
    if (event.type === 'run-end') void this.options.store.release(run.id);
    this.applyStoredEvent(run, event);
  }
}
