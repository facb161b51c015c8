import { DEFAULT_PLANNER_PROMPT, isTraceDecision, LightweightOnlineGEPA, type TraceRecord } from '@gepa-aime/core';
import { fenced, silentLogger, taskOutcome } from '@gepa-aime/core/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool } from '../db/database-pool';
import { migrateDatabase } from '../db/migrate';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres/test-database';
import { PostgresGEPATraceLog } from './postgres-gepa-trace-log';

const WINDOW = 3;
const OUTCOMES_PER_WORKER = 24;
const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: TestDatabase;
const pools: pg.Pool[] = [];
const logs: PostgresGEPATraceLog[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const pool = openPool('migrate');
  await migrateDatabase(pool);
});
afterAll(async () => {
  for (const log of logs) await log.close();
  for (const pool of pools) await pool.end();
  await database?.drop();
});

function openPool(name: string): pg.Pool {
  const pool = createDatabasePool({ url: database.url, applicationName: `gepa-race-${name}`, max: 2 });
  pools.push(pool);
  return pool;
}

/** One worker's optimizer: its own pool and listening connection on the shared log. */
async function worker(name: string): Promise<{ optimizer: LightweightOnlineGEPA; warnings: string[] }> {
  const log = new PostgresGEPATraceLog({ pool: openPool(name), url: database.url, logger: quietLogger });
  logs.push(log);
  await log.start();
  const { warnings, logger } = silentLogger();
  let proposals = 0;
  const optimizer = await LightweightOnlineGEPA.create({
    traceLog: log,
    config: {
      window_size: WINDOW,
      threshold: 0.9,
      min_traces_before_reflection: 1,
      reflection_minibatch_size: 2,
      components: ['planner'],
    },
    // A slow reflection widens the window in which a second worker could decide on a stale history.
    reflectionModel: async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      proposals += 1;
      return fenced(`${DEFAULT_PLANNER_PROMPT}\n- Lesson ${proposals} from worker ${name}.`);
    },
    createId: (component) => `${component}-${name}-${proposals + 1}`,
    logger,
  });
  return { optimizer, warnings };
}

/** What a worker does per task: read through, run under the current prompt, record the judged outcome. */
async function runTasks(optimizer: LightweightOnlineGEPA, name: string): Promise<void> {
  for (let index = 0; index < OUTCOMES_PER_WORKER; index += 1) {
    await optimizer.refresh();
    const score = index % 4 === 0 ? 1 : 0;
    await optimizer.record({ ...taskOutcome(optimizer, score, 'planner', index), runId: `run-${name}` });
  }
}

interface HistoryProblem {
  seq: number;
  problem: string;
}

/**
 * Walks the stored history as one sequence of decisions: every proposal rewrites the candidate that
 * is current, no proposal while a trial runs, every decision settles the running trial, and a trial
 * whose window filled is decided by the outcome that filled it.
 */
function historyProblems(records: Array<{ seq: number; record: TraceRecord }>): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  let current = 'planner-default';
  let trial: { id: string; outcomes: number; due: boolean } | undefined;
  for (const { seq, record } of records) {
    if (isTraceDecision(record)) {
      if (record.decision === 'restored') {
        current = record.candidate_id;
        continue;
      }
      if (trial?.id !== record.candidate_id)
        problems.push({ seq, problem: `decision on ${record.candidate_id}, not the trial` });
      current = record.candidate_id;
      trial = undefined;
      continue;
    }
    if (trial?.due) problems.push({ seq, problem: `trial ${trial.id} filled its window but was not decided` });
    if (trial && record.candidate_id === trial.id) {
      trial.outcomes += 1;
      trial.due = trial.outcomes >= WINDOW;
    }
    if (record.new_candidate_id) {
      if (trial) problems.push({ seq, problem: `proposal ${record.new_candidate_id} while ${trial.id} is on trial` });
      if (record.new_parent_id !== current) {
        problems.push({ seq, problem: `proposal from ${record.new_parent_id}, but ${current} is current` });
      }
      trial = { id: record.new_candidate_id, outcomes: 0, due: false };
      current = record.new_candidate_id;
    }
  }
  return problems;
}

function candidateHistory(optimizer: LightweightOnlineGEPA) {
  return optimizer.metrics().candidates.map(({ createdAt: _createdAt, ...candidate }) => candidate);
}

describe('online GEPA shared by workers in PostgreSQL', () => {
  it('two workers racing on decisions leave one consistent candidate history, and both use its prompts', async () => {
    const [first, second] = await Promise.all([worker('a'), worker('b')]);
    await Promise.all([runTasks(first.optimizer, 'a'), runTasks(second.optimizer, 'b')]);
    await Promise.all([first.optimizer.flush(), second.optimizer.flush()]);

    const pool = openPool('check');
    const rows = await pool.query<{ seq: string; record: TraceRecord }>(
      'select seq, record from aime.gepa_records order by seq',
    );
    const history = rows.rows.map((row) => ({ seq: Number(row.seq), record: row.record }));
    // Contiguous seqs and no lost outcome: every record() of both workers is stored.
    expect(history.map((entry) => entry.seq)).toEqual(history.map((_, index) => index + 1));
    const outcomes = history.filter((entry) => !isTraceDecision(entry.record));
    expect(outcomes).toHaveLength(2 * OUTCOMES_PER_WORKER);
    expect(new Set(outcomes.map((entry) => `${entry.record.run_id}/${entry.record.task_id}`)).size).toBe(
      2 * OUTCOMES_PER_WORKER,
    );
    const state = await pool.query<{ last_seq: string }>('select last_seq from aime.gepa_state');
    expect(Number(state.rows[0]?.last_seq)).toBe(history.length);

    // Both workers took decisions (the race happened), and they form one history.
    const proposers = new Set(
      outcomes.filter((entry) => entry.record.new_candidate_id).map((entry) => entry.record.run_id),
    );
    expect(proposers).toEqual(new Set(['run-a', 'run-b']));
    expect(history.filter((entry) => isTraceDecision(entry.record)).length).toBeGreaterThan(2);
    expect(historyProblems(history)).toEqual([]);
    expect([...first.warnings, ...second.warnings].filter((warning) => warning.includes('could not'))).toEqual([]);

    // Every worker reads the adopted prompts: both agree with a fresh replay of the stored history.
    await Promise.all([first.optimizer.refresh(), second.optimizer.refresh()]);
    const fresh = await worker('replay');
    for (const optimizer of [first.optimizer, second.optimizer]) {
      expect(optimizer.currentPrompt('planner')).toEqual(fresh.optimizer.currentPrompt('planner'));
      // createdAt: the proposing process's clock at the proposal vs the record's timestamp on replay.
      expect(candidateHistory(optimizer)).toEqual(candidateHistory(fresh.optimizer));
    }
  });

  it('a decision taken by one worker reaches the other by notification, without a task of its own', async () => {
    const [deciding, watching] = await Promise.all([worker('c'), worker('d')]);
    const before = watching.optimizer.metrics().traceRecords;
    await deciding.optimizer.record({ ...taskOutcome(deciding.optimizer, 0, 'planner', 99), runId: 'run-c' });
    const deadline = Date.now() + 5000;
    while (watching.optimizer.metrics().traceRecords === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(watching.optimizer.metrics().traceRecords).toBe(deciding.optimizer.metrics().traceRecords);
    expect(watching.optimizer.currentPrompt('planner')).toEqual(deciding.optimizer.currentPrompt('planner'));
  });
});
