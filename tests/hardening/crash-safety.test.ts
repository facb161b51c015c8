import { appendFile, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunEvent, runEventSchema } from '@gepa-aime/core';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { postRun, type ServerProcess, startServerProcess } from '../../bench/server-load/server-process';
import { responderHandler } from './support/fake-handlers';
import { createWorkspace, FINAL_STATUSES, waitUntil, writeConfigDirectory } from './support/service-harness';

/**
 * Crash safety of the real server process: drive heavy event writing (several runs with many
 * parallel actor steps against a slow fake model), SIGKILL it mid-write — also while POST /runs
 * requests are in flight — and restart it on the same traces dir, three times. After every restart
 * every log parses (a torn last line is tolerated), every run id that was ever answered 202 is in
 * GET /runs, in-flight runs are `interrupted` with a complete event log, and the service works.
 */
const CYCLES = 3;
const RUNS_PER_CYCLE = 5;

let fake: FakeOpenAIServer | undefined;
let root: string | undefined;
const processes: ServerProcess[] = [];

afterAll(async () => {
  for (const server of processes) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await fake?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function listAllRuns(url: string): Promise<Array<{ id: string; status: string; lastSeq: number }>> {
  const runs: Array<{ id: string; status: string; lastSeq: number }> = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${url}/runs?limit=100${query}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { runs: typeof runs; nextCursor: string | null };
    runs.push(...body.runs);
    cursor = body.nextCursor;
    if (!cursor) return runs;
  }
  throw new Error('too many pages');
}

/** Each line of a JSON-lines file parses, except possibly a torn last line. */
async function parseJsonLines(path: string): Promise<{ records: unknown[]; torn: boolean }> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const records = lines.filter((line) => line.trim().length > 0).map((line) => JSON.parse(line) as unknown);
  if (last.trim().length === 0) return { records, torn: false };
  try {
    records.push(JSON.parse(last));
    return { records, torn: false };
  } catch {
    return { records, torn: true };
  }
}

async function verifyAfterRestart(
  url: string,
  tracesDir: string,
  accepted: Set<string>,
  interrupted: Set<string>,
  gepaBefore: GEPASnapshot | undefined,
): Promise<void> {
  if (!gepaBefore) throw new Error('no /gepa snapshot was taken before the kill: nothing to compare with');
  const listed = await listAllRuns(url);
  const listedIds = new Set(listed.map((run) => run.id));
  for (const id of accepted) expect(listedIds.has(id), `run ${id} lost from the index`).toBe(true);
  for (const run of listed) {
    const response = await fetch(`${url}/runs/${run.id}/events?limit=5000`);
    const { events } = (await response.json()) as { events: RunEvent[] };
    // The new process has not been sent a run yet: every run it lists comes from a killed one and is final.
    expect(FINAL_STATUSES, `run ${run.id} after the restart`).toContain(run.status);
    for (const event of events) expect(runEventSchema.safeParse(event).success).toBe(true);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(events.at(-1)?.type).toBe('run-end');
    expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
    if (run.status === 'interrupted') interrupted.add(run.id);
  }
  for (const name of await readdir(join(tracesDir, 'runs'))) {
    const { records } = await parseJsonLines(join(tracesDir, 'runs', name));
    // A log killed before its first line was written belongs to a POST that never answered 202.
    if (records.length === 0) expect(accepted.has(name.replace(/\.jsonl$/, ''))).toBe(false);
  }
  // Online GEPA state (timeline, candidates) seen before the kill is still there after the restart.
  const gepa = await gepaSnapshot(url);
  expect(gepa.timeline.length).toBeGreaterThanOrEqual(gepaBefore.timeline.length);
  const ids = new Set(gepa.candidates.map((candidate) => candidate.id));
  for (const candidate of gepaBefore.candidates) expect(ids.has(candidate.id)).toBe(true);
}

interface GEPASnapshot {
  timeline: unknown[];
  candidates: Array<{ id: string }>;
}

async function gepaSnapshot(url: string): Promise<GEPASnapshot> {
  const response = await fetch(`${url}/gepa`);
  expect(response.status).toBe(200);
  return (await response.json()) as GEPASnapshot;
}

/**
 * A SIGKILL between two write() calls cannot tear a line (each record is one write), so a write
 * cut inside a line is simulated: half a record, no newline, on a run that was in flight.
 */
async function tearTailOfOneRunInFlight(tracesDir: string, runIds: Set<string>): Promise<number> {
  for (const runId of runIds) {
    const path = join(tracesDir, 'runs', `${runId}.jsonl`);
    const text = await readFile(path, 'utf8');
    if (text.includes('"type":"run-end"')) continue;
    await appendFile(path, '{"type":"actor-step","runId":"torn","seq":');
    return 1;
  }
  return 0;
}

describe('crash safety of the server process', () => {
  it(`survives ${CYCLES} SIGKILLs during heavy event writing without losing a run or a readable log`, async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'aime-crash-')));
    const tracesDir = join(root, 'traces');
    const workspace = await createWorkspace(root);
    fake = await startFakeOpenAIServer({ handler: responderHandler({ tasks: 6, callsPerTask: 3 }, 25) });
    const configDirectory = await writeConfigDirectory(root, { apiBase: fake.url, requestTimeout: 10, maxRetries: 0 });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AIME_PORT: '0',
      AIME_HOST: '127.0.0.1',
      AIME_TRACES_DIR: tracesDir,
      AIME_WORKSPACE: workspace,
      AIME_CONFIG_DIR: configDirectory,
      AIME_CONCURRENCY: '3',
      AIME_LOG_LEVEL: 'info',
    };
    const accepted = new Set<string>();
    const interrupted = new Set<string>();
    let tornLogs = 0;
    let gepaBefore: GEPASnapshot | undefined;

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const server = await startServerProcess(env, root);
      processes.push(server);
      if (cycle > 1) await verifyAfterRestart(server.url, tracesDir, accepted, interrupted, gepaBefore);
      const cycleRuns = new Set<string>();
      for (let index = 0; index < RUNS_PER_CYCLE; index++) {
        const id = await postRun(server.url, `Crash cycle ${cycle} run ${index}`);
        if (id) {
          accepted.add(id);
          cycleRuns.add(id);
        }
      }
      // Heavy writing: wait until the runs have logged a good number of events and online GEPA has
      // recorded an outcome of this cycle (so the GEPA checks after the restart compare something),
      // then kill while more POST /runs are in flight.
      const timelineBefore = gepaBefore?.timeline.length ?? 0;
      gepaBefore = await waitUntil(async () => {
        const runs = (await listAllRuns(server.url)).filter((run) => cycleRuns.has(run.id));
        const written = runs.reduce((sum, run) => sum + run.lastSeq, 0);
        if (written < 60) return undefined;
        const gepa = await gepaSnapshot(server.url);
        return gepa.timeline.length > timelineBefore ? gepa : undefined;
      }, 20_000);
      const burst = Array.from({ length: 4 }, (_unused, index) =>
        postRun(server.url, `Burst ${cycle}.${index}`).then(
          (id) => {
            if (id) accepted.add(id);
          },
          () => undefined,
        ),
      );
      await Promise.race(burst);
      server.child.kill('SIGKILL');
      expect(await server.exited).toBe('SIGKILL');
      await Promise.all(burst);
      tornLogs += await tearTailOfOneRunInFlight(tracesDir, cycleRuns);
    }

    const final = await startServerProcess(env, root);
    processes.push(final);
    await verifyAfterRestart(final.url, tracesDir, accepted, interrupted, gepaBefore);
    // Outcomes were recorded before every kill (see the wait above), and their file parses.
    expect(gepaBefore?.timeline.length).toBeGreaterThanOrEqual(CYCLES);
    await parseJsonLines(join(tracesDir, 'gepa_history.jsonl'));
    // Every cycle killed runs in flight (running and queued): they came back interrupted.
    expect(interrupted.size).toBeGreaterThanOrEqual(CYCLES * 2);
    expect(tornLogs).toBe(CYCLES);
    expect(accepted.size).toBeGreaterThanOrEqual(CYCLES * (RUNS_PER_CYCLE + 1));
    const fresh = await postRun(final.url, 'After the crashes');
    const finished = await waitUntil(async () => {
      const response = await fetch(`${final.url}/runs/${fresh}`);
      const run = (await response.json()) as { status: string };
      return FINAL_STATUSES.includes(run.status) ? run : undefined;
    }, 20_000);
    expect(finished.status).toBe('completed');
    final.child.kill('SIGKILL');
    await final.exited;
  }, 120_000);
});
