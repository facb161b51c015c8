import { describe, expect, it } from 'vitest';
import { median, p95, quantile } from '../lib/measurement';
import { createAIMEResponder } from './aime-responder';
import { runLoopOverheadBenchmark, smokeOptions } from './run-loop-overhead';

describe('loop-overhead benchmark (smoke)', () => {
  it('measures every actor step and planner iteration of completed runs and reports the targets', async () => {
    const report = await runLoopOverheadBenchmark(smokeOptions);
    const data = report.data as {
      stepFramework: number[];
      stepTotal: number[];
      baseline: number[];
      iterationFramework: number[];
      heap: Array<{ peakMB: number; events: number }>;
    };
    const steps = smokeOptions.runs * smokeOptions.tasks * (smokeOptions.callsPerTask - 1);
    expect(data.stepFramework).toHaveLength(steps);
    expect(data.stepTotal).toHaveLength(steps);
    expect(data.baseline).toHaveLength(steps);
    // One planner call to plan, then one after each task (tasks run one at a time).
    expect(data.iterationFramework).toHaveLength(smokeOptions.runs * (smokeOptions.tasks + 1));
    for (const [index, total] of data.stepTotal.entries()) {
      expect(total).toBeGreaterThanOrEqual(data.stepFramework[index] as number);
    }
    expect(data.heap).toHaveLength(smokeOptions.heapRuns);
    // run-start, plan-updates, per task: task-start, llm-usage ×3, tool-call/result ×2, actor-step ×3, task-end; run-end.
    expect(data.heap[0]?.events).toBeGreaterThan(smokeOptions.tasks * 10);
    const [perStep, targets] = report.tables;
    expect(perStep?.rows.every((row) => row.length === 5 && /^\d+\.\d{3}$/.test(row[1] ?? ''))).toBe(true);
    expect(targets?.rows.slice(0, 2).map((row) => row[2])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(yes|no)$/)]),
    );
  });
});

describe('stateless AIME responder', () => {
  it('plans independent tasks, makes the tool calls, finishes, then declares done', () => {
    const respond = createAIMEResponder({ tasks: 2, callsPerTask: 2 });
    const first = respond({ messages: [{ role: 'user', content: 'no state' }], planner: true });
    expect(JSON.parse(first.content ?? '{}')).toMatchObject({ next: ['1', '2'], done: false });
    const actor = [{ role: 'user', content: 'Subtask [2]: Independent task 2' }];
    expect(respond({ messages: actor, planner: false }).toolCalls?.[0]?.name).toBe('read_file');
    const finished = respond({ messages: [...actor, { role: 'tool', content: 'ok' }], planner: false });
    expect(finished.toolCalls?.[0]).toMatchObject({ name: 'finish', arguments: { status: 'complete' } });
  });
});

describe('quantiles', () => {
  it('interpolates between order statistics', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(p95(Array.from({ length: 101 }, (_unused, index) => index))).toBe(95);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
