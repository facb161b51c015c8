import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../../actors/actor-prompt';
import type { LanguageModel } from '../../llm/types';
import { DEFAULT_PLANNER_PROMPT } from '../../planner/planner-prompt';
import {
  createOptimizer,
  feed,
  fenced,
  silentLogger,
  TEST_GEPA_CONFIG,
  taskOutcome,
  tempTracePath,
  traceLines,
} from '../../testing/online-gepa-fixtures';
import { ScriptedModel } from '../../testing/scripted-model';

describe('LightweightOnlineGEPA', () => {
  it('starts from the default prompts and reports the composite of the rolling window in gepa-record events', async () => {
    const optimizer = await createOptimizer(tempTracePath(), {
      config: { ...TEST_GEPA_CONFIG, window_size: 5, enabled: false },
    });
    expect(optimizer.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: 'planner-default',
      text: DEFAULT_PLANNER_PROMPT,
    });
    expect(optimizer.currentPrompt('actor').text).toBe(DEFAULT_ACTOR_PROMPT_TEMPLATE);
    const events = await feed(optimizer, [1, 0, 1, 1, 0, 1]);
    const composites = events.filter((event) => event.type === 'gepa-record').map((event) => event.composite);
    // Windows (size 5): [1] [1,0] [1,0,1] [1,0,1,1] [1,0,1,1,0] [0,1,1,0,1]
    const expected = [
      0.7 * 1 + 0.3 * 1,
      0.7 * 0.5 + 0.3 * (1 / 3),
      0.7 * (2 / 3) + 0.3 * (4 / 6),
      0.7 * 0.75 + 0.3 * (8 / 10),
      0.7 * 0.6 + 0.3 * (8 / 15),
      0.7 * 0.6 + (0.3 * (2 + 3 + 5)) / 15,
    ];
    expect(composites).toHaveLength(expected.length);
    for (const [index, composite] of composites.entries()) expect(composite).toBeCloseTo(expected[index] as number, 12);
    expect(optimizer.metrics().composite).toBeCloseTo(expected.at(-1) as number, 12);
    expect(optimizer.metrics().timeline.map((point) => point.score)).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('a failing streak produces a new prompt from the failing traces, persisted; a new instance warm-starts with it', async () => {
    const path = tempTracePath();
    const improved = `${DEFAULT_PLANNER_PROMPT}\n- Check that a file exists before planning to read it.`;
    const reflection = new ScriptedModel([fenced(improved)]);
    const optimizer = await createOptimizer(path, { reflectionModel: reflection });
    const events = await feed(optimizer, [0, 0]);

    // One reflection after min_traces_before_reflection (2) outcomes below the threshold.
    expect(reflection.requests).toHaveLength(1);
    const prompt = reflection.requests[0]?.messages[0]?.content ?? '';
    expect(prompt).toContain(DEFAULT_PLANNER_PROMPT);
    expect(prompt).toContain('## Feedback');
    expect(prompt).toContain("ENOENT: no such file or directory, open 'notes/plan.md'");
    expect(prompt).toContain('# Example 2');
    const proposed = events.find((event) => event.type === 'gepa-candidate');
    expect(proposed).toMatchObject({
      component: 'planner',
      candidateId: 'planner-gen1',
      parents: ['planner-default'],
      prompt: improved,
      decision: 'proposed',
      scores: { parentScore: 0 },
    });
    expect(optimizer.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: 'planner-gen1',
      text: improved,
    });

    const written = traceLines(path);
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({
      prompt: DEFAULT_PLANNER_PROMPT,
      score: 0,
      new_prompt: improved,
      new_candidate_id: 'planner-gen1',
      parent_score: 0,
      component: 'planner',
      candidate_id: 'planner-default',
      run_id: 'run-1',
      task_id: 't1',
    });
    expect(typeof written[1]?.timestamp).toBe('string');
    expect(written[1]?.observation).toContain('failed');

    const restarted = await createOptimizer(path);
    expect(restarted.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: 'planner-gen1',
      text: improved,
    });
    expect(restarted.metrics().trial).toMatchObject({ candidateId: 'planner-gen1', outcomes: 0, needed: 3 });
    expect(restarted.metrics().timeline).toHaveLength(2);
  });

  it('keeps a trial that does at least as well as its parent over the next window', async () => {
    const path = tempTracePath();
    const optimizer = await createOptimizer(path, { reflectionModel: new ScriptedModel([fenced('Plan carefully.')]) });
    await feed(optimizer, [0, 0]);
    const events = await feed(optimizer, [1, 0, 1]);
    expect(events.filter((event) => event.type === 'gepa-candidate')).toEqual([
      expect.objectContaining({
        candidateId: 'planner-gen1',
        decision: 'accepted',
        scores: { mean: 2 / 3, parentScore: 0 },
      }),
    ]);
    const metrics = optimizer.metrics();
    expect(metrics.trial).toBeNull();
    expect(metrics.candidates.find((candidate) => candidate.id === 'planner-gen1')).toMatchObject({
      status: 'accepted',
      parentId: 'planner-default',
      uses: 3,
      meanScore: 2 / 3,
    });
    expect(traceLines(path).at(-1)).toMatchObject({
      kind: 'decision',
      decision: 'accepted',
      candidate_id: 'planner-gen1',
    });
    expect((await createOptimizer(path)).currentPrompt('planner').candidateId).toBe('planner-gen1');
  });

  it('rejects a trial that does worse than its parent and restores the best candidate', async () => {
    const path = tempTracePath();
    const reflection = new ScriptedModel([fenced('Plan badly.')]);
    const optimizer = await createOptimizer(path, { reflectionModel: reflection });
    // [1,1,0] → 0.617 (no reflection); [1,0,0] → 0.7·(1/3) + 0.3·(1/6) = 0.283 < 0.5; parent's window mean 1/3.
    await feed(optimizer, [1, 1, 0, 0]);
    expect(optimizer.currentPrompt('planner').candidateId).toBe('planner-gen1');
    const events = await feed(optimizer, [0, 0, 0]);
    const decisions = events.filter((event) => event.type === 'gepa-candidate');
    expect(decisions).toEqual([
      expect.objectContaining({
        candidateId: 'planner-gen1',
        decision: 'rejected',
        scores: { mean: 0, parentScore: 1 / 3 },
      }),
      expect.objectContaining({ candidateId: 'planner-default', decision: 'restored', prompt: DEFAULT_PLANNER_PROMPT }),
    ]);
    expect(optimizer.currentPrompt('planner').candidateId).toBe('planner-default');
    expect(optimizer.metrics().candidates.find((candidate) => candidate.id === 'planner-gen1')?.status).toBe(
      'rejected',
    );
    const restarted = await createOptimizer(path);
    expect(restarted.currentPrompt('planner')).toMatchObject({
      candidateId: 'planner-default',
      text: DEFAULT_PLANNER_PROMPT,
    });
    expect(restarted.metrics().candidates.find((candidate) => candidate.id === 'planner-gen1')?.status).toBe(
      'rejected',
    );
  });

  it('rejects unfenced, empty, truncated or placeholder-dropping proposals and waits before retrying', async () => {
    const path = tempTracePath();
    const { warnings, logger } = silentLogger();
    const reflection = new ScriptedModel([
      'Just be more careful next time.',
      'Here:\n```\n\n```',
      fenced('Be {{persona}} and'),
      fenced('You are an actor. No placeholders here.'),
    ]);
    // The third answer is cut off by the token limit.
    const model: LanguageModel = {
      provider: 'scripted',
      modelId: 'scripted',
      stream: (request) => reflection.stream(request),
      async chat(request) {
        const response = await reflection.chat(request);
        return reflection.requests.length === 3 ? { ...response, finishReason: 'length' } : response;
      },
    };
    const optimizer = await createOptimizer(path, {
      reflectionModel: model,
      logger,
      config: { ...TEST_GEPA_CONFIG, components: ['actor'] },
    });
    await feed(optimizer, [0, 0, 0, 0, 0, 0, 0, 0], 'actor');
    expect(reflection.requests).toHaveLength(4);
    expect(warnings).toEqual([
      'online GEPA: no new actor prompt (no closed ``` block with text in the answer)',
      'online GEPA: no new actor prompt (no closed ``` block with text in the answer)',
      'online GEPA: no new actor prompt (the answer hit the token limit)',
      expect.stringMatching(
        /^online GEPA: no new actor prompt \(the proposal drops placeholders: \{\{persona\}\}, \{\{tools\}\}/,
      ),
    ]);
    expect(optimizer.currentPrompt('actor').candidateId).toBe('actor-default');
    expect(traceLines(path).some((record) => 'new_prompt' in record)).toBe(false);
  });

  it('mutates one component at a time, round-robin over the configured components', async () => {
    const reflection = new ScriptedModel({
      fallback: (_request, callIndex) =>
        fenced(`v${callIndex + 2} {{persona}} {{tools}} {{knowledge}} {{environment}} {{output_format}}`),
    });
    const optimizer = await createOptimizer(tempTracePath(), {
      reflectionModel: reflection,
      config: { ...TEST_GEPA_CONFIG, components: ['planner', 'actor'] },
    });
    for (let index = 0; index < 2; index++) {
      await optimizer.record(taskOutcome(optimizer, 0, 'planner', index));
      await optimizer.record(taskOutcome(optimizer, 0, 'actor', index));
    }
    expect(optimizer.metrics().trial?.component).toBe('planner');
    expect(optimizer.currentPrompt('actor').candidateId).toBe('actor-default');
    for (let index = 0; index < 3; index++) {
      await optimizer.record(taskOutcome(optimizer, 0, 'planner', index));
      await optimizer.record(taskOutcome(optimizer, 0, 'actor', index));
    }
    // The planner trial ended (kept: 0 ≥ its parent's 0, "at least as well"); the actor's turn came next.
    expect(optimizer.metrics().candidates.find((candidate) => candidate.id === 'planner-gen1')?.status).toBe(
      'accepted',
    );
    expect(optimizer.metrics().trial).toMatchObject({ component: 'actor', candidateId: 'actor-gen2' });
  });

  it('serialises concurrent record() calls so that one failing streak proposes once', async () => {
    const reflection = new ScriptedModel({ fallback: fenced('Plan v2.'), latencyMs: 5 });
    const optimizer = await createOptimizer(tempTracePath(), { reflectionModel: reflection });
    await Promise.all([0, 1, 2, 3].map((index) => optimizer.record(taskOutcome(optimizer, 0, 'planner', index))));
    expect(reflection.requests).toHaveLength(1);
  });
});
