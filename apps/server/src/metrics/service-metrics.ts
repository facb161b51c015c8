import { type RunEvent, type RunStatus, runStatusSchema } from '@gepa-aime/core';
import type { RunCoordinator } from '../runs/run-coordinator';
import type { RunObserver } from '../runs/run-observer';
import type { RunState } from '../runs/run-state';
import { PrometheusText } from './prometheus-text';

const RUN_STATUSES: readonly RunStatus[] = runStatusSchema.options;
/** Model request latency buckets, seconds. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const RATE_WINDOW_MS = 60_000;

interface LatencyHistogram {
  buckets: number[];
  count: number;
  sum: number;
}

export interface WebSocketStats {
  readonly clientCount: number;
}

/** Counters fed by live run events, rendered with the run index's current state on each scrape. */
export class ServiceMetrics implements RunObserver {
  private readonly eventsByType = new Map<string, number>();
  private readonly recentEventTimes: number[] = [];
  private readonly latencyByRole = new Map<string, LatencyHistogram>();
  private readonly tokens = new Map<string, { prompt: number; completion: number; requests: number }>();
  private websocketDrops = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly manager: RunCoordinator,
    private readonly websocket?: WebSocketStats,
  ) {}

  onEvent(_run: RunState, event: RunEvent): void {
    this.eventsByType.set(event.type, (this.eventsByType.get(event.type) ?? 0) + 1);
    const now = Date.now();
    this.recentEventTimes.push(now);
    this.trimRecent(now);
    if (event.type === 'llm-usage')
      this.recordModelCall(event.role, event.ms, event.promptTokens, event.completionTokens);
  }

  recordWebSocketDrop(): void {
    this.websocketDrops += 1;
  }

  render(): string {
    const text = new PrometheusText();
    const counts = new Map<RunStatus, number>(RUN_STATUSES.map((status) => [status, 0]));
    for (const run of this.manager.all()) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
    text.metric('aime_runs', 'gauge', 'Runs known to the service, by status.');
    for (const [status, count] of counts) text.sample('aime_runs', count, { status });
    text.metric('aime_run_queue_depth', 'gauge', 'Runs waiting for a free execution slot.');
    text.sample('aime_run_queue_depth', this.manager.queueDepth);
    text.metric('aime_runs_active', 'gauge', 'Runs executing now.');
    text.sample('aime_runs_active', this.manager.activeCount);
    text.metric('aime_run_concurrency_limit', 'gauge', 'Maximum runs executing at once.');
    text.sample('aime_run_concurrency_limit', this.manager.concurrency);

    const cluster = this.manager.clusterStats?.();
    if (cluster) {
      text.metric('aime_queue_jobs_waiting', 'gauge', 'Scale-out: run jobs in the pg-boss queue waiting for a worker.');
      text.sample('aime_queue_jobs_waiting', cluster.queuedJobs);
      text.metric('aime_workers_active', 'gauge', 'Scale-out: workers whose database session is alive.');
      text.sample('aime_workers_active', cluster.activeWorkers);
      text.metric('aime_worker_slots', 'gauge', 'Scale-out: run slots of the live workers (sum of AIME_CONCURRENCY).');
      text.sample('aime_worker_slots', cluster.workerSlots);
      text.metric(
        'aime_notify_lag_seconds',
        'gauge',
        'Scale-out: NOTIFY delivery lag to this replica, recent quantiles.',
      );
      text.sample('aime_notify_lag_seconds', cluster.notifyLagMs.p50 / 1000, { quantile: '0.5' });
      text.sample('aime_notify_lag_seconds', cluster.notifyLagMs.p99 / 1000, { quantile: '0.99' });
      text.sample('aime_notify_lag_seconds', cluster.notifyLagMs.max / 1000, { quantile: '1' });
    }

    text.metric('aime_events_total', 'counter', 'Run events logged since the process started, by type.');
    for (const [type, count] of [...this.eventsByType].sort()) text.sample('aime_events_total', count, { type });
    this.trimRecent(Date.now());
    text.metric('aime_event_rate', 'gauge', 'Run events per second over the last minute.');
    text.sample('aime_event_rate', this.recentEventTimes.length / (RATE_WINDOW_MS / 1000));

    text.metric(
      'aime_model_request_duration_seconds',
      'histogram',
      'Model call latency from llm-usage events, by role.',
    );
    for (const [role, histogram] of this.latencyByRole) {
      for (const [index, bound] of LATENCY_BUCKETS.entries()) {
        text.sample('aime_model_request_duration_seconds_bucket', histogram.buckets[index] ?? 0, {
          role,
          le: String(bound),
        });
      }
      text.sample('aime_model_request_duration_seconds_bucket', histogram.count, { role, le: '+Inf' });
      text.sample('aime_model_request_duration_seconds_sum', histogram.sum, { role });
      text.sample('aime_model_request_duration_seconds_count', histogram.count, { role });
    }
    text.metric('aime_model_tokens_total', 'counter', 'Model tokens from llm-usage events, by role and kind.');
    for (const [role, usage] of this.tokens) {
      text.sample('aime_model_tokens_total', usage.prompt, { role, kind: 'prompt' });
      text.sample('aime_model_tokens_total', usage.completion, { role, kind: 'completion' });
    }
    text.metric('aime_model_requests_total', 'counter', 'Model calls from llm-usage events, by role.');
    for (const [role, usage] of this.tokens) text.sample('aime_model_requests_total', usage.requests, { role });

    text.metric('aime_websocket_clients', 'gauge', 'Connected WebSocket clients.');
    text.sample('aime_websocket_clients', this.websocket?.clientCount ?? 0);
    text.metric(
      'aime_websocket_clients_dropped_total',
      'counter',
      'Clients disconnected for exceeding the send buffer bound.',
    );
    text.sample('aime_websocket_clients_dropped_total', this.websocketDrops);
    text.metric('aime_process_uptime_seconds', 'gauge', 'Seconds since the service started.');
    text.sample('aime_process_uptime_seconds', Math.round((Date.now() - this.startedAt) / 1000));
    text.metric('aime_process_resident_memory_bytes', 'gauge', 'Resident set size.');
    text.sample('aime_process_resident_memory_bytes', process.memoryUsage.rss());
    return text.toString();
  }

  private recordModelCall(role: string, milliseconds: number, promptTokens: number, completionTokens: number): void {
    const histogram = this.latencyByRole.get(role) ?? { buckets: LATENCY_BUCKETS.map(() => 0), count: 0, sum: 0 };
    const seconds = milliseconds / 1000;
    for (const [index, bound] of LATENCY_BUCKETS.entries()) {
      if (seconds <= bound) histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
    }
    histogram.count += 1;
    histogram.sum += seconds;
    this.latencyByRole.set(role, histogram);
    const usage = this.tokens.get(role) ?? { prompt: 0, completion: 0, requests: 0 };
    usage.prompt += promptTokens;
    usage.completion += completionTokens;
    usage.requests += 1;
    this.tokens.set(role, usage);
  }

  private trimRecent(now: number): void {
    let stale = 0;
    while (stale < this.recentEventTimes.length && (this.recentEventTimes[stale] ?? now) < now - RATE_WINDOW_MS)
      stale += 1;
    if (stale > 0) this.recentEventTimes.splice(0, stale);
  }
}
