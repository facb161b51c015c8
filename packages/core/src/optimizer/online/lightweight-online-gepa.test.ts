import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../../actors/actor-prompt';
import type { GepaConfig } from '../../config/gepa-config';
import { OfflineModel } from '../../llm/offline/offline-model';
import type { LanguageModel } from '../../llm/types';
import { DEFAULT_PLANNER_PROMPT } from '../../planner/planner-prompt';
import { ScriptedModel } from '../../testing/scripted-model';
import type { RunEventInput } from '../../workflow/events';
import type { PromptComponent, TaskOutcome } from '../prompt-optimizer';
import { applyPrompts } from './apply-prompts';
import { LightweightOnlineGEPA, type LightweightOnlineGepaOptions } from './lightweight-online-gepa';

const CONFIG: Partial<GepaConfig> = {
  window_size: 3,
  threshold: 0.5,
  min_traces_before_reflection: 2,
  reflection_minibatch_size: 2,
  components: ['planner'],
};

function tracePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'aime-online-')), 'traces', 'gepa_history.jsonl');
}

function silentLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => void warnings.push(message) } };
}

let clock = Date.parse('2026-01-01T00:00:00Z');
const now = () => (clock += 1000);

function create(path: string, options: Partial<LightweightOnlineGepaOptions> = {}) {
  let next = 0;
  return LightweightOnlineGEPA.create({
    tracePath: path,
    config: CONFIG,
    now,
    createId: (component) => `${component}-gen${++next}`,
    logger: silentLogger().logger,
    ...options,
  });
}

function outcome(
  optimizer: LightweightOnlineGEPA,
  score: number,
  component: PromptComponent = 'planner',
  index = 0,
): TaskOutcome {
  const active = optimizer.currentPrompt(component);
  return {
    runId: 'run-1',
    goal: 'Read notes/plan.md and summarise it',
    taskId: `t${index}`,
    taskTitle: `Read notes/plan.md (${index})`,
    component,
    candidateId: active.candidateId,
    prompt: active.text,
    response: score >= 1 ? 'Summary written.' : 'Could not read the file.',
    score,
    feedback:
      score >= 1
        ? `Task [t${index}] completed.`
        : `Task [t${index}] failed: ENOENT: no such file or directory, open 'notes/plan.md'`,
  };
}

async function feed(optimizer: LightweightOnlineGEPA, scores: number[], component: PromptComponent = 'planner') {
  const events: RunEventInput[] = [];
  for (const [index, score] of scores.entries()) {
    events.push(...(await optimizer.record(outcome(optimizer, score, component, index))));
  }
  return events;
}

function fenced(text: string): string {
  return `Here is the improved instruction:\n\`\`\`\n${text}\n\`\`\``;
}

function lines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('LightweightOnlineGEPA', () => {
  it('starts from the default prompts and reports the composite of the rolling window in gepa-record events', async () => {
    const optimizer = await create(tracePath(), { config: { ...CONFIG, window_size: 5, enabled: false } });
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
    const path = tracePath();
    const improved = `${DEFAULT_PLANNER_PROMPT}\n- Check that a file exists before planning to read it.`;
    const reflection = new ScriptedModel([fenced(improved)]);
    const optimizer = await create(path, { reflectionModel: reflection });
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

    const written = lines(path);
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

    const restarted = await create(path);
    expect(restarted.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: 'planner-gen1',
      text: improved,
    });
    expect(restarted.metrics().trial).toMatchObject({ candidateId: 'planner-gen1', outcomes: 0, needed: 3 });
    expect(restarted.metrics().timeline).toHaveLength(2);
  });

  it('keeps a trial that does at least as well as its parent over the next window', async () => {
    const path = tracePath();
    const optimizer = await create(path, { reflectionModel: new ScriptedModel([fenced('Plan carefully.')]) });
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
    expect(lines(path).at(-1)).toMatchObject({ kind: 'decision', decision: 'accepted', candidate_id: 'planner-gen1' });
    expect((await create(path)).currentPrompt('planner').candidateId).toBe('planner-gen1');
  });

  it('rejects a trial that does worse than its parent and restores the best candidate', async () => {
    const path = tracePath();
    const reflection = new ScriptedModel([fenced('Plan badly.')]);
    const optimizer = await create(path, { reflectionModel: reflection });
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
    const restarted = await create(path);
    expect(restarted.currentPrompt('planner')).toMatchObject({
      candidateId: 'planner-default',
      text: DEFAULT_PLANNER_PROMPT,
    });
    expect(restarted.metrics().candidates.find((candidate) => candidate.id === 'planner-gen1')?.status).toBe(
      'rejected',
    );
  });

  it('rejects unfenced, empty, truncated or placeholder-dropping proposals and waits before retrying', async () => {
    const path = tracePath();
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
    const optimizer = await create(path, {
      reflectionModel: model,
      logger,
      config: { ...CONFIG, components: ['actor'] },
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
    expect(lines(path).some((record) => 'new_prompt' in record)).toBe(false);
  });

  it('with the offline model as reflection model, rewrites the prompt from the feedback and keeps the original', async () => {
    const optimizer = await create(tracePath(), {
      reflectionModel: new OfflineModel(),
      config: { ...CONFIG, components: ['actor'] },
    });
    const events = await feed(optimizer, [0, 0], 'actor');
    const active = optimizer.currentPrompt('actor');
    expect(active.candidateId).toBe('actor-gen1');
    expect(active.text.startsWith(DEFAULT_ACTOR_PROMPT_TEMPLATE)).toBe(true);
    expect(active.text).toContain('Lessons from earlier runs:');
    expect(active.text).toContain('list its directory first');
    expect(events.some((event) => event.type === 'llm-usage' && event.role === 'reflection')).toBe(true);
  });

  it('mutates one component at a time, round-robin over the configured components', async () => {
    const reflection = new ScriptedModel({
      fallback: (_request, callIndex) =>
        fenced(`v${callIndex + 2} {{persona}} {{tools}} {{knowledge}} {{environment}} {{output_format}}`),
    });
    const optimizer = await create(tracePath(), {
      reflectionModel: reflection,
      config: { ...CONFIG, components: ['planner', 'actor'] },
    });
    for (let index = 0; index < 2; index++) {
      await optimizer.record(outcome(optimizer, 0, 'planner', index));
      await optimizer.record(outcome(optimizer, 0, 'actor', index));
    }
    expect(optimizer.metrics().trial?.component).toBe('planner');
    expect(optimizer.currentPrompt('actor').candidateId).toBe('actor-default');
    for (let index = 0; index < 3; index++) {
      await optimizer.record(outcome(optimizer, 0, 'planner', index));
      await optimizer.record(outcome(optimizer, 0, 'actor', index));
    }
    // The planner trial ended (kept: 0 ≥ its parent's 0, "at least as well"); the actor's turn came next.
    expect(optimizer.metrics().candidates.find((candidate) => candidate.id === 'planner-gen1')?.status).toBe(
      'accepted',
    );
    expect(optimizer.metrics().trial).toMatchObject({ component: 'actor', candidateId: 'actor-gen2' });
  });

  it('loads a trace file written by the Python reference and restores its latest explicit new_prompt', async () => {
    const path = tracePath();
    const { warnings, logger } = silentLogger();
    const python = [
      { prompt: 'Decompose the goal.', response: 'task list', score: 1.0, new_prompt: null, observation: 'ok' },
      {
        prompt: 'Decompose the goal.',
        response: 'error',
        score: 0.0,
        new_prompt: 'Decompose the goal.\nReminder: v1',
        observation: 'file missing',
      },
      {
        prompt: 'Decompose the goal.\nReminder: v1',
        response: 'error',
        score: 0.0,
        new_prompt: 'Decompose the goal.\nReminder: v2',
        observation: 'timeout',
      },
      { prompt: 'Decompose the goal.\nReminder: v2', response: 'ok', score: 1.0, observation: 'done' },
    ];
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${python.map((record) => JSON.stringify(record)).join('\n')}\n`);
    const optimizer = await create(path, { logger });
    expect(warnings).toEqual([]);
    const planner = optimizer.currentPrompt('planner');
    expect(planner.text).toBe('Decompose the goal.\nReminder: v2');
    expect(planner.candidateId).toMatch(/^legacy-[0-9a-f]{8}$/);
    expect(optimizer.currentPrompt('actor').candidateId).toBe('actor-default');
    const metrics = optimizer.metrics();
    expect(metrics.timeline.map((point) => point.score)).toEqual([1, 0, 0, 1]);
    expect(metrics.candidates.find((candidate) => candidate.id === planner.candidateId)).toMatchObject({
      status: 'legacy',
      uses: 1,
      meanScore: 1,
    });
    expect(metrics.traceRecords).toBe(4);
  });

  it('survives a torn last line: skips it with a warning, keeps the rest, and appends cleanly after it', async () => {
    const path = tracePath();
    const first = await create(path, { reflectionModel: new ScriptedModel([fenced('Plan v2.')]) });
    await feed(first, [0, 0]);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"prompt": "Plan v2.", "response": "half`, { flag: 'w' });
    const { warnings, logger } = silentLogger();
    const second = await create(path, { logger });
    expect(warnings).toEqual([`${path}: skipped a torn last line (a writer stopped mid-record)`]);
    expect(second.currentPrompt('planner').text).toBe('Plan v2.');
    await feed(second, [1]);
    const parsed = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(parsed).toHaveLength(4);
    expect(JSON.parse(parsed[3] as string)).toMatchObject({ candidate_id: 'planner-gen1', score: 1 });
  });

  it('decides a trial that completed its window in a process that died before deciding', async () => {
    const path = tracePath();
    const first = await create(path, { reflectionModel: new ScriptedModel([fenced('Plan v2.')]) });
    await feed(first, [0, 0, 1, 1]);
    const trialLines = lines(path).length;
    // Simulate a crash after the third trial outcome was written but before the decision.
    const candidateId = first.currentPrompt('planner').candidateId;
    writeFileSync(
      path,
      `${readFileSync(path, 'utf8')}${JSON.stringify({ prompt: 'Plan v2.', response: 'ok', score: 1, component: 'planner', candidate_id: candidateId })}\n`,
    );
    const second = await create(path);
    expect(second.metrics().trial).toBeNull();
    expect(second.currentPrompt('planner').candidateId).toBe(candidateId);
    expect(lines(path)).toHaveLength(trialLines + 2);
    expect(lines(path).at(-1)).toMatchObject({ kind: 'decision', decision: 'accepted', candidate_id: candidateId });
  });

  it('applyPrompts makes prompts the ones warm-started next time, superseding better-scored older candidates', async () => {
    const path = tracePath();
    const optimizer = await create(path);
    await feed(optimizer, [1, 1, 1]);
    const ids = await applyPrompts(
      path,
      { planner: 'Optimised planner.', actor: 'Optimised {{persona}} actor.' },
      { score: 0.9 },
    );
    const restarted = await create(path);
    expect(restarted.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: ids.planner,
      text: 'Optimised planner.',
    });
    expect(restarted.currentPrompt('actor')).toEqual({
      component: 'actor',
      candidateId: ids.actor,
      text: 'Optimised {{persona}} actor.',
    });
    expect(restarted.metrics().candidates.find((candidate) => candidate.id === ids.planner)?.status).toBe('applied');
  });

  it('serialises concurrent record() calls so that one failing streak proposes once', async () => {
    const reflection = new ScriptedModel({ fallback: fenced('Plan v2.'), latencyMs: 5 });
    const optimizer = await create(tracePath(), { reflectionModel: reflection });
    await Promise.all([0, 1, 2, 3].map((index) => optimizer.record(outcome(optimizer, 0, 'planner', index))));
    expect(reflection.requests).toHaveLength(1);
  });
});
