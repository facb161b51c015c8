import { join } from 'node:path';
import type { BenchReport } from '../lib/types';
import { describeMachine, fixed, machineInfo, median, p99 } from '../loop-overhead/measurement';
import { responderHandler, startBenchEnvironment } from '../parallel-speedup/responder-server';
import { deliveryIntegrity, EventCollector } from './event-collector';
import { residentSetBytes, sampleResidentMemory } from './resident-memory';
import { type ServerProcess, startServerProcess } from './server-process';

export interface ServerLoadOptions {
  runs: number;
  clients: number;
  /** Fake model latency per call. */
  latencyMs: number;
  tasks: number;
  callsPerTask: number;
  /** Bound on the whole load phase. */
  timeoutMs: number;
  /** Independent measurements (fresh server processes each); medians and pooled latencies are reported. */
  repetitions: number;
}

export const fullOptions: ServerLoadOptions = {
  runs: 50,
  clients: 20,
  latencyMs: 20,
  tasks: 3,
  callsPerTask: 3,
  timeoutMs: 180_000,
  repetitions: 3,
};
export const smokeOptions: ServerLoadOptions = {
  runs: 4,
  clients: 3,
  latencyMs: 5,
  tasks: 2,
  callsPerTask: 2,
  timeoutMs: 30_000,
  repetitions: 1,
};

interface RunSummary {
  id: string;
  status: string;
  lastSeq: number;
}

export interface PhaseResult {
  runs: number;
  clients: number;
  wallMs: number;
  latenciesMs: number[];
  expectedEventsPerClient: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrderRuns: number;
  droppedClients: number;
  statuses: Record<string, number>;
}

async function postRun(url: string, goal: string): Promise<string> {
  const response = await fetch(`${url}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ goal }),
  });
  if (response.status !== 202) throw new Error(`POST /runs answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function runSummaries(url: string, ids: readonly string[]): Promise<Map<string, RunSummary>> {
  const summaries = new Map<string, RunSummary>();
  for (const id of ids) {
    const response = await fetch(`${url}/runs/${id}`);
    summaries.set(id, (await response.json()) as RunSummary);
  }
  return summaries;
}

/** `runs` concurrent POST /runs while `clients` WebSocket clients subscribed to '*' collect every event. */
export async function loadPhase(
  server: ServerProcess,
  runs: number,
  clients: number,
  timeoutMs: number,
): Promise<PhaseResult> {
  const collectors = Array.from({ length: clients }, () => new EventCollector(server.url));
  await Promise.all(collectors.map((collector) => collector.connect()));
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: runs }, (_unused, index) => postRun(server.url, `Load run ${index}`)),
  );
  const finished = await Promise.all(collectors.map((collector) => collector.waitForRunEnds(ids, timeoutMs)));
  const wallMs = performance.now() - started;
  for (const collector of collectors) collector.close();
  if (!finished.every(Boolean)) {
    const ended = collectors.map((collector) => collector.runEnds.size);
    throw new Error(`not every client saw every run end within ${timeoutMs} ms (run-ends per client: ${ended})`);
  }
  const summaries = await runSummaries(server.url, ids);
  const statuses: Record<string, number> = {};
  for (const summary of summaries.values()) statuses[summary.status] = (statuses[summary.status] ?? 0) + 1;
  const expectedEventsPerClient = [...summaries.values()].reduce((sum, summary) => sum + summary.lastSeq, 0);
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  let outOfOrderRuns = 0;
  for (const collector of collectors) {
    for (const id of ids) {
      const seqs = collector.seqsByRun.get(id) ?? [];
      const integrity = deliveryIntegrity(seqs, summaries.get(id)?.lastSeq ?? 0);
      delivered += seqs.length;
      lost += integrity.lost;
      duplicated += integrity.duplicated;
      if (!integrity.inOrder) outOfOrderRuns += 1;
    }
  }
  return {
    runs,
    clients,
    wallMs,
    latenciesMs: collectors.flatMap((collector) => collector.latenciesMs),
    expectedEventsPerClient,
    delivered,
    lost,
    duplicated,
    outOfOrderRuns,
    droppedClients: collectors.filter((collector) => collector.closeCode !== undefined).length,
    statuses,
  };
}

export interface ServerLoadResult {
  baseline: PhaseResult;
  /** The same runs with one client: separates the WebSocket fan-out from the run work. */
  oneClient: PhaseResult;
  load: PhaseResult;
  rss: { idleBytes: number; peakBytes: number; afterBytes: number };
}

/**
 * Starts the server as a child process (tsx, no build) on a fresh traces dir. POST /runs is rate
 * limited to 60 per minute per client, so the single-client phases and the 20-client load each
 * get their own server process (each warmed up with one run first).
 */
async function withServer<T>(
  environment: Awaited<ReturnType<typeof startBenchEnvironment>>,
  options: ServerLoadOptions,
  name: string,
  measure: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AIME_PORT: '0',
      AIME_HOST: '127.0.0.1',
      AIME_CONCURRENCY: String(Math.max(options.runs, 1)),
      AIME_TRACES_DIR: join(environment.root, `traces-${name}`),
      AIME_WORKSPACE: environment.workspaceRoot,
      AIME_CONFIG_DIR: environment.configDirectory,
      AIME_LOG_LEVEL: 'info',
    },
    environment.root,
  );
  try {
    await loadPhase(server, 1, 1, options.timeoutMs);
    return await measure(server);
  } finally {
    if (server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
}

export async function measureServerLoad(options: ServerLoadOptions): Promise<ServerLoadResult> {
  if (options.runs > 58) throw new RangeError('--runs must be at most 58 (POST /runs allows 60 per minute per client)');
  const environment = await startBenchEnvironment(
    responderHandler({ tasks: options.tasks, callsPerTask: options.callsPerTask }, options.latencyMs),
  );
  try {
    const single = await withServer(environment, options, 'single', async (server) => ({
      baseline: await loadPhase(server, 1, 1, options.timeoutMs),
      oneClient: await loadPhase(server, options.runs, 1, options.timeoutMs),
    }));
    const loaded = await withServer(environment, options, 'load', async (server) => {
      const pid = server.child.pid as number;
      const idleBytes = residentSetBytes(pid) ?? 0;
      const sampler = sampleResidentMemory(pid);
      const load = await loadPhase(server, options.runs, options.clients, options.timeoutMs);
      const peakBytes = sampler.stop();
      return { load, rss: { idleBytes, peakBytes, afterBytes: residentSetBytes(pid) ?? 0 } };
    });
    return { ...single, ...loaded };
  } finally {
    await environment.close();
  }
}

/** Repetitions of one phase as one: median wall time, pooled latencies, summed counts. */
export function combinePhases(phases: readonly PhaseResult[]): PhaseResult {
  const first = phases[0];
  if (!first) throw new Error('no phases to combine');
  const sum = (pick: (phase: PhaseResult) => number) => phases.reduce((total, phase) => total + pick(phase), 0);
  const statuses: Record<string, number> = {};
  for (const phase of phases) {
    for (const [status, count] of Object.entries(phase.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    runs: first.runs,
    clients: first.clients,
    wallMs: median(phases.map((phase) => phase.wallMs)),
    latenciesMs: phases.flatMap((phase) => phase.latenciesMs),
    expectedEventsPerClient: sum((phase) => phase.expectedEventsPerClient),
    delivered: sum((phase) => phase.delivered),
    lost: sum((phase) => phase.lost),
    duplicated: sum((phase) => phase.duplicated),
    outOfOrderRuns: sum((phase) => phase.outOfOrderRuns),
    droppedClients: sum((phase) => phase.droppedClients),
    statuses,
  };
}

export async function runServerLoadBenchmark(options: ServerLoadOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const results: ServerLoadResult[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition++)
    results.push(await measureServerLoad(options));
  const baseline = combinePhases(results.map((result) => result.baseline));
  const oneClient = combinePhases(results.map((result) => result.oneClient));
  const load = combinePhases(results.map((result) => result.load));
  const rss = {
    idleBytes: median(results.map((result) => result.rss.idleBytes)),
    peakBytes: Math.max(...results.map((result) => result.rss.peakBytes)),
    afterBytes: median(results.map((result) => result.rss.afterBytes)),
  };
  const runsPerSecondEach = results.map((result) => result.load.runs / (result.load.wallMs / 1000));
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
