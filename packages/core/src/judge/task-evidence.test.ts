import { describe, expect, it } from 'vitest';
import { TaskEvidenceRecorder } from './task-evidence';
import { describeTaskStats, taskStats } from './task-stats';

/** A tool-result event of task `taskId` for its call `callId`. */
function toolResult(taskId: string, callId: string, tool: string, ok: boolean, output: string, ms: number) {
  return { type: 'tool-result' as const, taskId, callId, tool, ok, output, ms };
}

describe('TaskEvidenceRecorder', () => {
  it("records each task's tool calls with their results and the actor's model calls", () => {
    const recorder = new TaskEvidenceRecorder();
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c1', tool: 'read_file', args: { path: 'a.md' } });
    recorder.observe({ type: 'tool-call', taskId: 't2', callId: 'c1', tool: 'list_dir', args: { path: '.' } });
    recorder.observe(toolResult('t1', 'c1', 'read_file', true, '# A', 4));
    recorder.observe({
      type: 'tool-result',
      taskId: 't2',
      callId: 'c1',
      tool: 'list_dir',
      ok: false,
      output: 'Error: path_not_found',
      error: 'path_not_found',
      ms: 2,
    });
    recorder.observe({
      type: 'llm-usage',
      role: 'actor',
      taskId: 't1',
      promptTokens: 100,
      completionTokens: 20,
      totalTokens: 120,
      ms: 30,
    });
    recorder.observe({
      type: 'llm-usage',
      role: 'actor',
      taskId: 't1',
      promptTokens: 50,
      completionTokens: 5,
      totalTokens: 55,
      ms: 12,
    });

    expect(recorder.take('t1')).toEqual({
      taskId: 't1',
      toolCalls: [{ tool: 'read_file', args: { path: 'a.md' }, ok: true, output: '# A', ms: 4 }],
      steps: 2,
      promptTokens: 150,
      completionTokens: 25,
      modelMs: 42,
    });
    expect(recorder.take('t2').toolCalls).toEqual([
      {
        tool: 'list_dir',
        args: { path: '.' },
        ok: false,
        output: 'Error: path_not_found',
        error: 'path_not_found',
        ms: 2,
      },
    ]);
  });

  it("ignores other roles' model calls, usage without a task and results of calls it never saw", () => {
    const recorder = new TaskEvidenceRecorder();
    recorder.observe({
      type: 'llm-usage',
      role: 'judge',
      taskId: 't1',
      promptTokens: 9,
      completionTokens: 9,
      totalTokens: 18,
      ms: 9,
    });
    recorder.observe({
      type: 'llm-usage',
      role: 'actor',
      promptTokens: 9,
      completionTokens: 9,
      totalTokens: 18,
      ms: 9,
    });
    recorder.observe(toolResult('t1', 'unknown', 'read_file', true, 'x', 1));
    expect(recorder.take('t1')).toEqual({
      taskId: 't1',
      toolCalls: [],
      steps: 0,
      promptTokens: 0,
      completionTokens: 0,
      modelMs: 0,
    });
  });

  it('matches a result to its call by task and call id, once, and leaves a call without a result failed', () => {
    const recorder = new TaskEvidenceRecorder();
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c1', tool: 'read_file', args: {} });
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c2', tool: 'read_file', args: {} });
    recorder.observe(toolResult('t2', 'c1', 'read_file', true, 'other task', 1));
    recorder.observe(toolResult('t1', 'c1', 'read_file', true, 'first', 1));
    recorder.observe(toolResult('t1', 'c1', 'read_file', false, 'again', 1));
    const calls = recorder.take('t1').toolCalls;
    expect(calls.map((call) => [call.ok, call.output])).toEqual([
      [true, 'first'],
      [false, ''],
    ]);
    expect(calls[0]).not.toHaveProperty('error');
  });

  it('cuts a long output at 20 000 characters', () => {
    const recorder = new TaskEvidenceRecorder();
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c1', tool: 'read_file', args: {} });
    recorder.observe({
      type: 'tool-result',
      taskId: 't1',
      callId: 'c1',
      tool: 'read_file',
      ok: true,
      output: 'x'.repeat(20_005),
      ms: 1,
    });
    expect(recorder.take('t1').toolCalls[0]?.output).toHaveLength(20_000);
  });

  it('take hands over one attempt and starts the next one afresh', () => {
    const recorder = new TaskEvidenceRecorder();
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c1', tool: 'read_file', args: {} });
    expect(recorder.take('t1').toolCalls).toHaveLength(1);
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c2', tool: 'list_dir', args: {} });
    recorder.observe({ type: 'tool-call', taskId: 't1', callId: 'c3', tool: 'list_dir', args: {} });
    expect(recorder.take('t1').toolCalls.map((call) => call.tool)).toEqual(['list_dir', 'list_dir']);
    expect(recorder.take('t1').toolCalls).toEqual([]);
  });
});

describe('taskStats and describeTaskStats', () => {
  it('counts calls per tool, errors and time, rounded', () => {
    const recorder = new TaskEvidenceRecorder();
    const results: Array<[string, boolean, number]> = [
      ['read_file', true, 1.4],
      ['read_file', false, 2.4],
      ['list_dir', false, 3.4],
    ];
    results.forEach(([tool, ok, ms], index) => {
      recorder.observe({ type: 'tool-call', taskId: 't1', callId: `c${index}`, tool, args: {} });
      recorder.observe({ type: 'tool-result', taskId: 't1', callId: `c${index}`, tool, ok, output: '', ms });
    });
    recorder.observe({
      type: 'llm-usage',
      role: 'actor',
      taskId: 't1',
      promptTokens: 1200,
      completionTokens: 300,
      totalTokens: 1500,
      ms: 800.6,
    });
    const stats = taskStats(recorder.take('t1'));
    expect(stats).toEqual({
      toolCalls: { read_file: 2, list_dir: 1 },
      toolErrors: 2,
      steps: 1,
      promptTokens: 1200,
      completionTokens: 300,
      modelMs: 801,
      toolMs: 7,
    });
    expect(describeTaskStats(stats)).toBe(
      '1 step; tools read_file×2, list_dir×1 (2 errors); 1200+300 tokens; model 801 ms, tools 7 ms',
    );
  });

  it('says "none" without tool calls and counts one error in the singular', () => {
    const base = { toolErrors: 0, steps: 2, promptTokens: 5, completionTokens: 1, modelMs: 3, toolMs: 0 };
    expect(describeTaskStats({ ...base, toolCalls: {} })).toBe(
      '2 steps; tools none; 5+1 tokens; model 3 ms, tools 0 ms',
    );
    expect(describeTaskStats({ ...base, toolCalls: { read_file: 1 }, toolErrors: 1 })).toContain(
      'tools read_file×1 (1 error);',
    );
  });
});
