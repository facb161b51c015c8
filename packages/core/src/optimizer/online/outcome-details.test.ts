import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../../protocol/prompt-optimizer';
import { createOptimizer, taskOutcome, tempTracePath } from '../../testing/online-gepa-fixtures';

/** A failing outcome with the judge's verdict and the task's tool statistics. */
function judgedFailure(outcome: TaskOutcome): TaskOutcome {
  return {
    ...outcome,
    claimedStatus: 'complete',
    verdict: {
      score: 0,
      verdict: 'fail',
      feedback: 'The answer cites notes/plan.md, which does not exist.',
      checks: [{ name: 'references-exist', passed: false, detail: 'notes/plan.md (not in the workspace)' }],
    },
    stats: {
      toolCalls: { read_file: 3, list_dir: 1 },
      toolErrors: 3,
      steps: 20,
      promptTokens: 5400,
      completionTokens: 320,
      modelMs: 812,
      toolMs: 14,
    },
  };
}

describe('trace records with the judge verdict and tool statistics', () => {
  it('writes the new fields, replays them, and shows them in the reflection prompt', async () => {
    const path = tempTracePath();
    const prompts: string[] = [];
    const reflectionModel = async (prompt: string) => {
      prompts.push(prompt);
      return '```\nRead the directory before reading a file.\n```';
    };
    const first = await createOptimizer(path);
    await first.record(judgedFailure(taskOutcome(first, 0, 'planner', 0)));
    await first.flush();
    const line = JSON.parse(readFileSync(path, 'utf8').trim().split('\n')[0] ?? '{}');
    expect(line).toMatchObject({
      score: 0,
      claimed_status: 'complete',
      verdict: 'fail',
      checks: [{ name: 'references-exist', passed: false }],
      tool_calls: { read_file: 3, list_dir: 1 },
      tool_errors: 3,
      steps: 20,
      prompt_tokens: 5400,
      completion_tokens: 320,
      model_ms: 812,
      tool_ms: 14,
    });

    // A new process replays the record; its next failure triggers a reflection that sees both traces.
    const second = await createOptimizer(path, { reflectionModel });
    await second.record(judgedFailure(taskOutcome(second, 0, 'planner', 1)));
    expect(prompts).toHaveLength(1);
    const trace = prompts[0]?.split('## Trace').slice(1) ?? [];
    expect(trace).toHaveLength(2);
    for (const section of trace) {
      expect(section).toContain('Judge verdict: fail');
      expect(section).toContain('the actor claimed: complete');
      expect(section).toContain('references-exist (notes/plan.md (not in the workspace))');
      expect(section).toContain(
        '20 steps; tools read_file×3, list_dir×1 (3 errors); 5400+320 tokens; model 812 ms, tools 14 ms',
      );
    }
  });

  it('still loads a Python reference file, whose records have no trace fields and no Trace section', async () => {
    const path = tempTracePath();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      [
        { prompt: 'Plan well.', response: 'r1', score: false, new_prompt: null, observation: 'failed: missing file' },
        { prompt: 'Plan well.', response: 'r2', score: true, new_prompt: 'Plan well; check paths.', observation: 'ok' },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    const prompts: string[] = [];
    const optimizer = await createOptimizer(path, {
      reflectionModel: async (prompt) => {
        prompts.push(prompt);
        return '```\nPlan well; check paths; list first.\n```';
      },
    });
    expect(optimizer.currentPrompt('planner').text).toBe('Plan well; check paths.');
    await optimizer.record(taskOutcome(optimizer, 0, 'planner', 2));
    await optimizer.record(taskOutcome(optimizer, 0, 'planner', 3));
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts[0]).not.toContain('## Trace');
  });
});
