import { join } from 'node:path';
import { machineInfo, median } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import { responderHandler, startBenchEnvironment } from '../parallel-speedup/responder-server';
import { combinePhases, loadPhase, type PhaseResult } from './load-phase';
import { residentSetBytes, sampleResidentMemory } from './resident-memory';
import type { ServerLoadOptions } from './server-load-options';
import { buildServerLoadReport } from './server-load-report';
import { type ServerProcess, startServerProcess } from './server-process';

export { combinePhases } from './load-phase';
export { fullOptions, type ServerLoadOptions, smokeOptions } from './server-load-options';

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
  return buildServerLoadReport(options, machine, { baseline, oneClient, load, rss, runsPerSecondEach });
}
