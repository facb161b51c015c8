import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
const earlier: TestApp[] = [];
afterEach(async () => {
  await harness?.cleanup();
  for (const testApp of earlier.splice(0)) await rm(testApp.root, { recursive: true, force: true });
  harness = undefined;
});

const line = (record: object) => `${JSON.stringify(record)}\n`;
const start = { type: 'run-start', goal: 'g', model: 'offline', maxIterations: 3, maxParallelActors: 1 };
const progress = (runId: string, seq: number) => ({
  type: 'progress-update',
  runId,
  seq,
  ts: 1000 + seq,
  taskId: '1',
  status: 'in_progress',
  message: `step ${seq}`,
});

/** A service started over a traces directory holding `entries` (written by `write`), with its log lines. */
async function startOver(write: (runsDirectory: string) => Promise<void>): Promise<{ logLines: string[] }> {
  const first = await createTestApp();
  earlier.push(first);
  await first.app.close();
  const runsDirectory = join(first.tracesDir, 'runs');
  await mkdir(runsDirectory, { recursive: true });
  await write(runsDirectory);
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  harness = await createTestApp({ tracesDir: first.tracesDir, logger: { level: 'warn', stream } });
  return { logLines };
}

describe('bad entries in the run-log directory', () => {
  it('skips a directory and a FIFO named *.jsonl with a warning naming each (no EISDIR, no hang)', async () => {
    const { logLines } = await startOver(async (runsDirectory) => {
      await mkdir(join(runsDirectory, 'x.jsonl'));
      execFileSync('mkfifo', [join(runsDirectory, 'pipe.jsonl')]);
      await writeFile(
        join(runsDirectory, 'good.jsonl'),
        line({ ...start, runId: 'good', seq: 1, ts: 1 }) +
          line({ type: 'run-end', runId: 'good', seq: 2, ts: 2, status: 'completed' }),
      );
    });
    const list = (await harness!.app.inject({ method: 'GET', url: '/runs' })).json();
    expect(list.runs.map((run: { id: string }) => run.id)).toEqual(['good']);
    const warnings = logLines.join('');
    expect(warnings).toContain('x.jsonl');
    expect(warnings).toContain('pipe.jsonl');
    expect(warnings).toContain('not a regular file');
  });

  it('repairs a log with seqs out of order and records after run-end, keeping the original', async () => {
    const { logLines } = await startOver(async (runsDirectory) => {
      const runId = 'scrambled';
      await writeFile(
        join(runsDirectory, `${runId}.jsonl`),
        line({ type: 'run-queued', runId, seq: 0, ts: 1000, goal: 'g' }) +
          line({ ...start, runId, seq: 1, ts: 1001 }) +
          line(progress(runId, 2)) +
          line(progress(runId, 4)) +
          line(progress(runId, 3)) +
          line(progress(runId, Number.MAX_SAFE_INTEGER)),
      );
      const ended = 'ended-then-more';
      await writeFile(
        join(runsDirectory, `${ended}.jsonl`),
        line({ ...start, runId: ended, seq: 1, ts: 1 }) +
          line({ type: 'run-end', runId: ended, seq: 2, ts: 2, status: 'completed' }) +
          line(progress(ended, 3)),
      );
    });
    const { app } = harness!;
    const scrambled = (await app.inject({ method: 'GET', url: '/runs/scrambled' })).json();
    expect(scrambled.status).toBe('interrupted');
    expect(scrambled.lastSeq).toBe(3);
    expect(scrambled.error).toContain('run log repaired at start-up: seq 4 where 3 was expected');
    const events: RunEvent[] = (await app.inject({ method: 'GET', url: '/runs/scrambled/events' })).json().events;
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });

    const ended = (await app.inject({ method: 'GET', url: '/runs/ended-then-more' })).json();
    expect(ended).toMatchObject({ status: 'completed', lastSeq: 2 });
    expect(ended.error).toContain('follows run-end');
    const endedEvents = (await app.inject({ method: 'GET', url: '/runs/ended-then-more/events' })).json().events;
    expect(endedEvents.map((event: RunEvent) => event.seq)).toEqual([1, 2]);

    const runsDirectory = join(harness!.tracesDir, 'runs');
    const kept = (await readdir(runsDirectory)).filter((name) => name.startsWith('scrambled.jsonl.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(runsDirectory, kept[0] as string), 'utf8')).toContain(String(Number.MAX_SAFE_INTEGER));
    expect(logLines.join('')).toContain('run log repaired');
  });
});
