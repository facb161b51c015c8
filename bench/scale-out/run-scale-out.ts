import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type PostgresCluster,
  startPostgresCluster,
} from '../../apps/server/src/test-support/postgres/postgres-cluster';
import { ScaleOutCluster } from '../../apps/server/src/test-support/scale-out-cluster';
import { describeMachine, fixed, machineInfo } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import { startServerProcess } from '../server-load/server-process';
import { measurePhase, type PhaseResult } from './scale-out-phase';

export interface ScaleOutOptions {
  runs: number;
  clients: number;
  /** Fake model latency per call (ms): the model slots, not the CPU, bound throughput. */
  latencyMs: number;
  /** AIME_CONCURRENCY of each worker. */
  workerConcurrency: number;
  workerCounts: number[];
  timeoutMs: number;
}

/**
 * 1000 ms per model call and 2 slots per worker: a run waits ≈ 6 s on the model and uses the CPU for
 * a few ms of it, so the slots bound throughput even with more processes than cores (at 200 ms the
 * CPU of a shared 2-core machine was the bound already with one worker).
 */
export const fullOptions: ScaleOutOptions = {
  runs: 24,
  clients: 20,
  latencyMs: 1000,
  workerConcurrency: 2,
  workerCounts: [1, 2, 4],
  timeoutMs: 180_000,
};

export const smokeOptions: ScaleOutOptions = {
  runs: 4,
  clients: 4,
  latencyMs: 20,
  workerConcurrency: 2,
  workerCounts: [1],
  timeoutMs: 120_000,
};

/** The server to run against: AIME_BENCH_DATABASE_URL / AIME_TEST_DATABASE_URL, else a throw-away cluster. */
async function postgresServer(): Promise<{ url: string; cluster?: PostgresCluster; directory?: string }> {
  const url = process.env.AIME_BENCH_DATABASE_URL ?? process.env.AIME_TEST_DATABASE_URL;
  if (url) return { url };
  const directory = await mkdtemp(join(tmpdir(), 'aime-bench-postgres-'));
  await chmod(directory, 0o711);
  const cluster = await startPostgresCluster(join(directory, 'cluster'));
  return { url: cluster.url, cluster, directory };
}

export async function runScaleOutBenchmark(options: ScaleOutOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const server = await postgresServer();
  try {
    return buildReport(options, describeMachine(machine), await measureScaleOut(options, server.url));
  } finally {
    await server.cluster?.stop();
    if (server.directory) await rm(server.directory, { recursive: true, force: true });
  }
}

/** The embedded baseline, then 2 API replicas with 1, 2, 4 … workers, on a fresh database of `serverUrl`. */
export async function measureScaleOut(options: ScaleOutOptions, serverUrl: string): Promise<PhaseResult[]> {
  const cluster = await ScaleOutCluster.start({ latencyMs: options.latencyMs, serverUrl });
  const phases: PhaseResult[] = [];
  try {
    // Baseline: the embedded mode, one process with as many slots as the largest cluster.
    const slots = options.workerConcurrency * Math.max(...options.workerCounts);
    const { AIME_DATABASE_URL: _unused, ...embeddedEnvironment } = cluster.environmentFor({
      AIME_CONCURRENCY: String(slots),
      AIME_TRACES_DIR: join(cluster.environment.root, 'traces-embedded'),
    });
    const embedded = await startServerProcess(embeddedEnvironment, cluster.environment.root);
    cluster.processes.push(embedded);
    await measurePhase('warm-up', [embedded.url], 1, 1, options.timeoutMs);
    phases.push(
      await measurePhase(
        `embedded (1 process, ${slots} slots)`,
        [embedded.url],
        options.runs,
        options.clients,
        options.timeoutMs,
      ),
    );
    embedded.child.kill('SIGKILL');
    await embedded.exited;

    const replicas = await Promise.all([cluster.startApi(), cluster.startApi()]);
    const urls = replicas.map((replica) => replica.url);
    let workers = 0;
    for (const count of options.workerCounts) {
      while (workers < count) {
        await cluster.startWorker(options.workerConcurrency);
        workers += 1;
      }
      await measurePhase('warm-up', urls, count, 2, options.timeoutMs);
      phases.push(
        await measurePhase(
          `${count} worker${count === 1 ? '' : 's'} × ${options.workerConcurrency}, 2 API replicas`,
          urls,
          options.runs,
          options.clients,
          options.timeoutMs,
        ),
      );
    }
  } finally {
    await cluster.stop();
  }
  return phases;
}

function buildReport(options: ScaleOutOptions, machine: string, phases: PhaseResult[]): BenchReport {
  const [embedded, ...scaled] = phases as [PhaseResult, ...PhaseResult[]];
  const one = scaled[0];
  const rows = phases.map((phase) => [
    phase.label,
    fixed(phase.runsPerSecond, 2),
    phase === embedded || !one ? '—' : `${fixed(phase.runsPerSecond / one.runsPerSecond, 2)}×`,
    fixed(phase.deliveryP50Ms, 1),
    fixed(phase.deliveryP99Ms, 1),
    phase === embedded ? '1.00×' : `${fixed(phase.deliveryP99Ms / embedded.deliveryP99Ms, 2)}×`,
    `${phase.lost} / ${phase.duplicated} / ${phase.outOfOrderRuns}`,
    Object.entries(phase.statuses)
      .map(([status, count]) => `${count} ${status}`)
      .join(', '),
  ]);
  const ratio = (count: number) => {
    const phase = scaled[options.workerCounts.indexOf(count)];
    return phase && one ? phase.runsPerSecond / one.runsPerSecond : undefined;
  };
  const notes = [
    `Targets: ≥ 1.8× runs/s with 2 workers (measured ${fixed(ratio(2) ?? Number.NaN, 2)}×) and ≥ 3.2× with 4 ` +
      `(measured ${fixed(ratio(4) ?? Number.NaN, 2)}×) versus 1; p99 delivery within 2× of the embedded mode's.`,
    'Every process (2 API replicas, the workers, the embedded server, PostgreSQL, the fake model and the clients) ' +
      `shares this machine (${machine}); with more workers than cores the CPU, not the model slots, becomes the bound.`,
  ];
  return {
    name: 'scale-out',
    description:
      `${options.runs} runs posted round-robin to the API replicas (each 2 tasks × 2 model calls, fake model at ` +
      `${options.latencyMs} ms per call) while ${options.clients} WebSocket clients, spread over the replicas, ` +
      `subscribed to '*' receive every event. Workers: \`aime worker\` processes with AIME_CONCURRENCY=${options.workerConcurrency}; ` +
      'API replicas execute nothing (AIME_WORKER=0). Baseline in the same run: the embedded mode, one server process ' +
      'with as many slots as the largest cluster. Delivery = event ts (stamped by the worker) → client receipt.',
    parameters: { ...options, machine },
    tables: [
      {
        title: 'Throughput and event delivery (lost / duplicated / out-of-order runs must be 0)',
        columns: [
          'mode',
          'runs/s',
          'vs 1 worker',
          'delivery p50 ms',
          'delivery p99 ms',
          'p99 vs embedded',
          'lost / dup / order',
          'statuses',
        ],
        rows,
      },
    ],
    data: phases,
    notes,
  };
}
