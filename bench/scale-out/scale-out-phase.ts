import { quantile } from '../lib/measurement';
import { deliveryIntegrity, EventCollector } from '../server-load/event-collector';
import { postRun } from '../server-load/server-process';

export interface PhaseResult {
  label: string;
  runs: number;
  wallMs: number;
  runsPerSecond: number;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrderRuns: number;
  statuses: Record<string, number>;
}

/**
 * `runs` POST /runs spread round-robin over `urls` while `clients` WebSocket clients (spread over
 * the same urls) subscribed to '*' collect every event; wall time from the first POST to the last
 * run-end seen by every client.
 */
export async function measurePhase(
  label: string,
  urls: readonly string[],
  runs: number,
  clients: number,
  timeoutMs: number,
): Promise<PhaseResult> {
  const collectors = Array.from({ length: clients }, (_, index) => new EventCollector(urls[index % urls.length]!));
  await Promise.all(collectors.map((collector) => collector.connect()));
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: runs }, (_, index) => postRun(urls[index % urls.length]!, `Scale-out bench run ${index}`)),
  );
  const finished = await Promise.all(collectors.map((collector) => collector.waitForRunEnds(ids, timeoutMs)));
  const wallMs = performance.now() - started;
  for (const collector of collectors) collector.close();
  if (!finished.every(Boolean)) throw new Error(`${label}: not every client saw every run end within ${timeoutMs} ms`);
  const statuses: Record<string, number> = {};
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  let outOfOrderRuns = 0;
  for (const id of ids) {
    const run = (await (await fetch(`${urls[0]}/runs/${id}`)).json()) as { status: string; lastSeq: number };
    statuses[run.status] = (statuses[run.status] ?? 0) + 1;
    for (const collector of collectors) {
      const seqs = collector.seqsByRun.get(id) ?? [];
      const integrity = deliveryIntegrity(seqs, run.lastSeq);
      delivered += seqs.length;
      lost += integrity.lost;
      duplicated += integrity.duplicated;
      if (!integrity.inOrder) outOfOrderRuns += 1;
    }
  }
  const latencies = collectors.flatMap((collector) => collector.latenciesMs);
  return {
    label,
    runs,
    wallMs,
    runsPerSecond: runs / (wallMs / 1000),
    deliveryP50Ms: quantile(latencies, 0.5),
    deliveryP99Ms: quantile(latencies, 0.99),
    delivered,
    lost,
    duplicated,
    outOfOrderRuns,
    statuses,
  };
}
