import { describe, expect, it } from 'vitest';
import { ProgressManager } from '../progress/progress-manager';
import { ScriptedModel } from '../testing/scripted-model';
import { DynamicPlanner } from './dynamic-planner';
import { PLAN_RESPONSE_NAME } from './plan-schema';
import { DEFAULT_PLANNER_PROMPT } from './planner-prompt';
import { parsePlannerState } from './planner-state';

const twoLevelPlan = {
  rationale: 'Inspect, then report.',
  tasks: [
    {
      id: '1',
      title: 'Inspect the project',
      children: [
        { id: '1.1', title: 'List the root', bundles: ['default'] },
        { id: '1.2', title: 'Read README.md', dependsOn: ['1.1'] },
      ],
    },
    { id: '2', title: 'Write the report', dependsOn: ['1'], persona: 'technical writer' },
  ],
  next: ['1.1'],
  done: false,
};

function setup(replies: unknown[]) {
  const model = new ScriptedModel(replies.map((reply) => (typeof reply === 'string' ? reply : JSON.stringify(reply))));
  const progress = new ProgressManager('Inspect the project and write a report');
  const planner = new DynamicPlanner({ model, progress });
  return { model, progress, planner };
}

describe('DynamicPlanner', () => {
  it('sends the goal, checklist state and the plan JSON schema, and applies a valid hierarchical plan', async () => {
    const { model, progress, planner } = setup([twoLevelPlan]);
    const decision = await planner.initialize();
    expect(decision).toMatchObject({ next: ['1.1'], done: false, fallback: false, rationale: 'Inspect, then report.' });
    expect(progress.flatten().map((task) => [task.id, task.depth])).toEqual([
      ['1', 0],
      ['1.1', 1],
      ['1.2', 1],
      ['2', 0],
    ]);
    expect(progress.getTask('2')?.persona).toBe('technical writer');
    const request = model.requests[0];
    expect(request?.responseSchema?.name).toBe(PLAN_RESPONSE_NAME);
    expect(JSON.stringify(request?.responseSchema?.schema)).toContain('finalAnswer');
    expect(request?.messages[0]).toEqual({ role: 'system', content: DEFAULT_PLANNER_PROMPT });
    const state = parsePlannerState(String(request?.messages[1]?.content));
    expect(state?.goal).toBe('Inspect the project and write a report');
    expect(state?.tasks).toEqual([]);
  });

  it('lists the tool bundles it may assign', async () => {
    const model = new ScriptedModel([JSON.stringify(twoLevelPlan)]);
    const planner = new DynamicPlanner({
      model,
      progress: new ProgressManager('g'),
      bundles: { default: ['read_file', 'list_dir'], progress: ['update_progress'] },
    });
    await planner.initialize();
    const text = String(model.requests[0]?.messages[1]?.content);
    expect(text).toContain('- default: read_file, list_dir');
    expect(parsePlannerState(text)?.bundles).toEqual({
      default: ['read_file', 'list_dir'],
      progress: ['update_progress'],
    });
  });

  it('says which bundles are MCP servers and how their tools are named', async () => {
    const model = new ScriptedModel([JSON.stringify(twoLevelPlan)]);
    const planner = new DynamicPlanner({
      model,
      progress: new ProgressManager('g'),
      bundles: { default: ['read_file'], fs: ['fs__read_text_file', 'fs__write_file'] },
      mcpBundles: ['fs'],
      bundleDescriptions: { fs: 'Files through the filesystem server' },
    });
    await planner.initialize();
    const text = String(model.requests[0]?.messages[1]?.content);
    expect(text).toContain('- default: read_file\n');
    expect(text).toContain(
      '- fs (MCP server "fs": its tools are named fs__<tool>) — Files through the filesystem server: fs__read_text_file, fs__write_file',
    );
    expect(parsePlannerState(text)?.mcpBundles).toEqual(['fs']);
  });

  it('retries once with the validation error shown, then uses the corrected plan', async () => {
    const { model, planner } = setup([{ rationale: 'x', tasks: [{ id: '1' }] }, twoLevelPlan]);
    const decision = await planner.initialize();
    expect(decision.fallback).toBe(false);
    expect(model.requests).toHaveLength(2);
    const retry = model.requests[1]?.messages.at(-1);
    expect(retry?.role).toBe('user');
    expect(String(retry?.content)).toMatch(/invalid: tasks\.0\.title/);
  });

  it('rejects plans whose next names unknown, finished or blocked tasks', async () => {
    const unknownNext = { ...twoLevelPlan, next: ['9'] };
    const blockedNext = { ...twoLevelPlan, next: ['1.2'] };
    const { model, planner } = setup([unknownNext, blockedNext]);
    const decision = await planner.initialize();
    expect(decision.fallback).toBe(true);
    expect(String(model.requests[1]?.messages.at(-1)?.content)).toContain('unknown task id "9"');
    expect(decision.reason).toContain('depends on 1.1');
  });

  it('falls back to a deterministic decomposition after two invalid answers and says why', async () => {
    const { planner, progress } = setup(['not json at all', '{"tasks": "nope"}']);
    const decision = await planner.initialize();
    expect(decision.fallback).toBe(true);
    expect(decision.reason).toMatch(/invalid after 2 attempts/);
    expect(progress.flatten().map((task) => task.title)).toEqual(['Inspect the project', 'Write a report']);
    expect(decision.next).toEqual(['1']);
  });

  it('keeps finished tasks the model leaves out, records contingencies and finishes with an answer', async () => {
    const { planner, progress } = setup([
      twoLevelPlan,
      {
        rationale: 'List failed; try another way.',
        tasks: [
          {
            id: '1',
            title: 'Inspect the project',
            children: [{ id: '1.1b', title: 'Search for files', contingencyFor: '1.1' }],
          },
        ],
        next: ['1.1b'],
      },
      { rationale: 'Done.', tasks: [], done: true, finalAnswer: 'Found it [1.1b].' },
    ]);
    await planner.initialize();
    progress.markInProgress('1.1');
    progress.markFailed('1.1', 'permission denied');
    const second = await planner.plan({ iteration: 1, replanReason: 'task 1.1 failed' });
    expect(second.next).toEqual(['1.1b']);
    expect(planner.contingencies.get('1.1')).toBe('1.1b');
    expect(progress.getTask('1.1')?.status).toBe('failed');
    expect(progress.getTask('1.2')).toBeUndefined();
    const third = await planner.plan({ iteration: 2 });
    expect(third).toMatchObject({ done: true, finalAnswer: 'Found it [1.1b].' });
    expect(progress.getTask('1.1b')).toBeDefined();
  });

  it('shows a cancelled task as cancelled (not failed) and may run it again', async () => {
    const { model, planner, progress } = setup([twoLevelPlan, { ...twoLevelPlan, rationale: 'Again.', next: ['1.1'] }]);
    await planner.initialize();
    progress.markInProgress('1.1');
    progress.markCancelled('1.1', 'the run was cancelled while this task ran');
    const decision = await planner.plan({ iteration: 1 });
    expect(decision.next).toEqual(['1.1']);
    const request = String(model.requests[1]?.messages[1]?.content);
    expect(request).toContain('- [1.1] List the root — cancelled: the run was cancelled while this task ran');
    expect(request).not.toContain('failed');
    expect(parsePlannerState(request)?.tasks.find((task) => task.id === '1.1')?.status).toBe('cancelled');
  });

  it('uses the prompt provider for every call (GEPA candidates)', async () => {
    const model = new ScriptedModel([JSON.stringify(twoLevelPlan)]);
    const planner = new DynamicPlanner({
      model,
      progress: new ProgressManager('g'),
      prompt: () => ({ component: 'planner', candidateId: 'c7', text: 'EVOLVED PLANNER PROMPT' }),
    });
    const decision = await planner.initialize();
    expect(model.requests[0]?.messages[0]?.content).toBe('EVOLVED PLANNER PROMPT');
    expect(decision.prompt.candidateId).toBe('c7');
  });

  it('propagates model faults to the caller', async () => {
    const model = new ScriptedModel([
      () => {
        throw new Error('connection refused');
      },
    ]);
    const planner = new DynamicPlanner({ model, progress: new ProgressManager('g') });
    await expect(planner.initialize()).rejects.toThrow('connection refused');
  });
});
