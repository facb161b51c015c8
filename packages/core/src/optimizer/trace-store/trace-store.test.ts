import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTraceDecision, parseTraceRecord } from './trace-record';
import { TraceStore } from './trace-store';

function tracePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'aime-traces-')), 'nested', 'gepa_history.jsonl');
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => void warnings.push(message) } };
}

describe('TraceStore', () => {
  it('refuses a directory or FIFO in place of the trace file with an error naming it (no EISDIR, no hang)', async () => {
    const base = mkdtempSync(join(tmpdir(), 'aime-traces-'));
    try {
      const directory = join(base, 'gepa_history.jsonl');
      mkdirSync(directory);
      await expect(new TraceStore(directory).load()).rejects.toMatchObject({
        code: 'config_invalid',
        message: expect.stringContaining(`${directory} is not a regular file`),
      });
      const fifo = join(base, 'fifo.jsonl');
      execFileSync('mkfifo', [fifo]);
      await expect(new TraceStore(fifo).load()).rejects.toMatchObject({ code: 'config_invalid' });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('appends records as JSON lines in call order and loads them back', async () => {
    const path = tracePath();
    const store = new TraceStore(path);
    await Promise.all([
      store.append({ prompt: 'p', response: 'r1', score: 1, component: 'planner', candidate_id: 'planner-default' }),
      store.append({ prompt: 'p', response: 'r2', score: 0, new_prompt: 'p2', new_candidate_id: 'planner-x' }),
      store.append({
        kind: 'decision',
        decision: 'accepted',
        component: 'planner',
        candidate_id: 'planner-x',
        prompt: 'p2',
      }),
    ]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    const { records, skipped } = await store.load();
    expect(skipped).toBe(0);
    expect(records.map((record) => (isTraceDecision(record) ? record.decision : record.response))).toEqual([
      'r1',
      'r2',
      'accepted',
    ]);
  });

  it('appends several records given at once as consecutive lines, and nothing for none', async () => {
    const path = tracePath();
    const store = new TraceStore(path);
    await store.append({ prompt: 'p', response: 'first', score: 1 });
    await store.append();
    await store.append(
      { prompt: 'p', response: 'second', score: 0 },
      { kind: 'decision', decision: 'rejected', component: 'planner', candidate_id: 'planner-x', prompt: 'p2' },
    );
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
    const { records } = await store.load();
    expect(records.map((record) => (isTraceDecision(record) ? record.decision : record.response))).toEqual([
      'first',
      'second',
      'rejected',
    ]);
  });

  it('loads a file the Python reference wrote (only its fields, boolean scores, null new_prompt)', async () => {
    const path = tracePath();
    const store = new TraceStore(path);
    await store.append({ prompt: 'x', response: 'y', score: 1 });
    writeFileSync(
      path,
      [
        '{"prompt": "Plan the goal.", "response": "ok", "score": true, "new_prompt": null, "observation": "listed files"}',
        '{"prompt": "Plan the goal.", "response": "boom", "score": 0.0, "new_prompt": "Plan the goal.\\nReminder: check paths.", "observation": "file missing"}',
        '',
      ].join('\n'),
    );
    const { records } = await store.load();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ score: 1, new_prompt: null, observation: 'listed files' });
    expect(records[1]).toMatchObject({ score: 0, new_prompt: 'Plan the goal.\nReminder: check paths.' });
  });

  it('skips a torn last line with a warning, and the next append starts on a fresh line', async () => {
    const path = tracePath();
    const { warnings, logger } = recordingLogger();
    const store = new TraceStore(path, { logger });
    await store.append({ prompt: 'p', response: 'whole', score: 1 });
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"prompt": "p", "response": "torn`, { flag: 'w' });
    const first = await new TraceStore(path, { logger }).load();
    expect(first.records).toHaveLength(1);
    expect(first.skipped).toBe(1);
    expect(warnings).toEqual([`${path}: skipped a torn last line (a writer stopped mid-record)`]);

    const writer = new TraceStore(path, { logger });
    await writer.append({ prompt: 'p', response: 'after', score: 0 });
    const second = await writer.load();
    expect(second.records.map((record) => (record as { response: string }).response)).toEqual(['whole', 'after']);
    expect(warnings[1]).toContain(':2: skipped a line that is not a trace record');
  });

  it('two stores appending concurrently never interleave lines', async () => {
    const path = tracePath();
    const left = new TraceStore(path);
    const right = new TraceStore(path);
    const bigPrompt = 'x'.repeat(6000);
    const writes: Promise<void>[] = [];
    for (let index = 0; index < 150; index++) {
      writes.push(left.append({ prompt: bigPrompt, response: `left-${index}`, score: 1 }));
      writes.push(right.append({ prompt: bigPrompt, response: `right-${index}`, score: 0 }));
    }
    await Promise.all(writes);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(300);
    const parsed = lines.map((line) => parseTraceRecord(JSON.parse(line)));
    expect(parsed.every((record) => record !== undefined)).toBe(true);
    const responses = new Set(parsed.map((record) => (record as { response: string }).response));
    expect(responses.size).toBe(300);
    // Each store's own records keep their order.
    const leftOrder = lines.map((line) => JSON.parse(line).response).filter((name: string) => name.startsWith('left-'));
    expect(leftOrder).toEqual(Array.from({ length: 150 }, (_unused, index) => `left-${index}`));
  });

  it('reports a missing file as empty and rejects lines that are not records', async () => {
    const path = tracePath();
    expect(await new TraceStore(path).load()).toEqual({ records: [], skipped: 0 });
    expect(parseTraceRecord({ response: 'no score' })).toBeUndefined();
    expect(parseTraceRecord([1, 2])).toBeUndefined();
    expect(parseTraceRecord({ kind: 'decision', decision: 'maybe', component: 'planner' })).toBeUndefined();
  });

  it('two processes appending at once write whole lines only (8 KB records, above PIPE_BUF)', async () => {
    const path = tracePath();
    const directory = mkdtempSync(join(tmpdir(), 'aime-append-child-'));
    const script = join(directory, 'append.mts');
    const storeModule = fileURLToPath(new URL('./trace-store.ts', import.meta.url));
    writeFileSync(
      script,
      `import { TraceStore } from ${JSON.stringify(storeModule)};
const [path, name, count] = process.argv.slice(2);
const store = new TraceStore(path);
const prompt = 'z'.repeat(8000);
await Promise.all(Array.from({ length: Number(count) }, (_, index) => store.append({ prompt, response: name + '-' + index, score: 1 })));
`,
    );
    const child = (name: string) =>
      new Promise<number | null>((resolve, reject) => {
        const childProcess = spawn(process.execPath, ['--import', 'tsx', script, path, name, '200'], {
          stdio: 'inherit',
        });
        childProcess.on('error', reject);
        childProcess.on('exit', resolve);
      });
    expect(await Promise.all([child('first'), child('second')])).toEqual([0, 0]);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(400);
    const responses = lines.map((line) => (parseTraceRecord(JSON.parse(line)) as { response: string }).response);
    expect(new Set(responses).size).toBe(400);
  });
});
