import { describeMachine, fixed, type machineInfo, median, p99 } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import type { PhaseResult } from './load-phase';
import type { ServerLoadOptions } from './server-load-options';

export interface ServerLoadSummary {
  baseline: PhaseResult;
  oneClient: PhaseResult;
  load: PhaseResult;
  rss: { idleBytes: number; peakBytes: number; afterBytes: number };
  /** runs/s of each repetition's load phase. */
  runsPerSecondEach: number[];
}

export function buildServerLoadReport(
  options: ServerLoadOptions,
  machine: ReturnType<typeof machineInfo>,
  summary: ServerLoadSummary,
): BenchReport {
  const { baseline, oneClient, load, rss, runsPerSecondEach } = summary;
  const runsPerSecond = load.runs / (load.wallMs / 1000);
  const idealRunsPerSecond = load.runs / (baseline.wallMs / 1000);
  const mb = (bytes: number) => fixed(bytes / 2 ** 20, 1);
  const integrityMet =
    load.lost === 0 && load.duplicated === 0 && load.outOfOrderRuns === 0 && load.droppedClients === 0;
  return {
    name: 'server-load',
    description:
      `${options.runs} concurrent runs via POST /runs (each ${options.tasks} tasks × ${options.callsPerTask} model calls, ` +
      `fake model at ${options.latencyMs} ms per call) while ${options.clients} WebSocket clients subscribed to '*' ` +
      'receive every event. The server is a child process (tsx apps/server/src/server.ts, concurrency = runs, logs at ' +
      'info); the fake model and the clients share the benchmark process. Baseline (same run, same server): one run, one client.',
    parameters: { ...options, machine: describeMachine(machine) },
    tables: [
      {
        title: `Throughput and event delivery latency (event ts → client receipt); wall time: median of ${options.repetitions}, latencies pooled`,
        columns: [
          'metric',
          'baseline (1 run, 1 client)',
          `${oneClient.runs} runs, 1 client`,
          `load (${load.runs} runs, ${load.clients} clients)`,
          'ratio load / baseline',
        ],
        rows: [
          [
            'wall time, first POST → last run-end on every client (ms)',
            fixed(baseline.wallMs, 0),
            fixed(oneClient.wallMs, 0),
            fixed(load.wallMs, 0),
            `${fixed(load.wallMs / baseline.wallMs, 2)}×`,
          ],
          [
            'runs/s',
            fixed(1000 / baseline.wallMs, 2),
            fixed(oneClient.runs / (oneClient.wallMs / 1000), 2),
            fixed(runsPerSecond, 2),
            `${fixed(runsPerSecond / idealRunsPerSecond, 2)} of ideal (${fixed(idealRunsPerSecond, 1)} runs/s)`,
          ],
          [
            'delivery latency p50 (ms)',
            fixed(median(baseline.latenciesMs), 1),
            fixed(median(oneClient.latenciesMs), 1),
            fixed(median(load.latenciesMs), 1),
            `${fixed(median(load.latenciesMs) / Math.max(median(baseline.latenciesMs), 1), 1)}×`,
          ],
          [
            'delivery latency p99 (ms)',
            fixed(p99(baseline.latenciesMs), 1),
            fixed(p99(oneClient.latenciesMs), 1),
            fixed(p99(load.latenciesMs), 1),
            `${fixed(p99(load.latenciesMs) / Math.max(p99(baseline.latenciesMs), 1), 1)}×`,
          ],
          [
            'events delivered (all clients)',
            String(baseline.delivered),
            String(oneClient.delivered),
            String(load.delivered),
            '—',
          ],
        ],
      },
      {
        title: 'Delivery integrity (seqs per run on every client)',
        columns: [
          'events per client (all repetitions)',
          'delivered',
          'lost',
          'duplicated',
          'runs out of order',
          'clients dropped',
          'run statuses',
          'zero lost/duplicated',
        ],
        rows: [
          [
            String(load.expectedEventsPerClient),
            String(load.delivered),
            String(load.lost),
            String(load.duplicated),
            String(load.outOfOrderRuns),
            String(load.droppedClients),
            JSON.stringify(load.statuses),
            integrityMet ? 'yes' : 'no',
          ],
        ],
      },
      {
        title: 'Server memory (RSS of the server process)',
        columns: ['idle after warm-up (MB, median)', 'peak under load (MB, max)', 'after the load (MB, median)'],
        rows: [[mb(rss.idleBytes), mb(rss.peakBytes), mb(rss.afterBytes)]],
      },
    ],
    data: {
      machine,
      baseline: { ...baseline, latenciesMs: undefined, latencyP50: median(baseline.latenciesMs) },
      oneClient: {
        ...oneClient,
        latenciesMs: undefined,
        latencyP50: median(oneClient.latenciesMs),
        latencyP99: p99(oneClient.latenciesMs),
      },
      load: {
        ...load,
        latenciesMs: undefined,
        latencyP50: median(load.latenciesMs),
        latencyP99: p99(load.latenciesMs),
      },
      rss,
      runsPerSecond,
      runsPerSecondEach,
    },
    notes: [
      `Machine: ${describeMachine(machine)}. The server, the fake model and ${load.clients} clients share it; latency includes the clients' own event-loop delay.`,
      'Ideal runs/s = runs / (the single uncontended run’s wall time): what perfect overlap would give.',
    ],
  };
}
