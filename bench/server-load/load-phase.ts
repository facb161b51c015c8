import { median } from '../lib/measurement';
import { deliveryIntegrity, EventCollector } from './event-collector';
import { postRun, type ServerProcess } from './server-process';

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
