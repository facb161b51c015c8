import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../actors/actor-prompt';
import type { ChatRequest } from '../llm/types';
import { DEFAULT_PLANNER_PROMPT } from '../planner/planner-prompt';
import type { ActivePrompt, PromptComponent, PromptOptimizer, TaskOutcome } from '../protocol/prompt-optimizer';
import type { RunEvent } from '../protocol/run-events';
import { ScriptedModel, type ScriptedReply } from '../testing/scripted-model';
import { expectValidEventLog, requestRole, tempWorkspace, testConfig } from '../testing/workflow-fixtures';
import { AIMEWorkflow } from './aime-workflow';
import type { StopCondition } from './stop-conditions';

const plan = (body: Record<string, unknown>) =>
  JSON.stringify({ rationale: 'r', tasks: [], next: [], done: false, ...body });
const finish = (summary: string, status = 'complete') => ({
  toolCalls: [{ name: 'finish', arguments: { status, summary, references: [] } }],
});

/** Routes planner calls and actor calls (by task id) to separate scripts. */
function routedModel(planner: ScriptedReply[], actors: Record<string, ScriptedReply[]>, latencyMs = 0) {
  return new ScriptedModel({
    latencyMs,
    fallback: (request: ChatRequest) => {
      const role = requestRole(request);
      const queue = role === 'planner' ? planner : actors[role];
      const reply = queue?.shift();
      if (reply === undefined) throw new Error(`no scripted reply for ${role}`);
      return reply;
    },
  });
}

function workflowWith(model: ScriptedModel, optimizer?: PromptOptimizer) {
  return new AIMEWorkflow({
    config: testConfig(),
    model,
    workspaceRoot: tempWorkspace(),
    ...(optimizer ? { optimizer } : {}),
  });
}

describe('AIMEWorkflow (scripted model)', () => {
  it('runs plan → actors → done and returns a report consistent with the event log', async () => {
    const model = routedModel(
      [
        plan({ tasks: [{ id: '1', title: 'Read README.md' }], next: ['1'] }),
        plan({ done: true, finalAnswer: 'It is a demo [1].' }),
      ],
      { '1': [{ toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] }, finish('A demo project.')] },
    );
    const events: RunEvent[] = [];
    const report = await workflowWith(model).run('Read the readme', {
      runId: 'run-a',
      onEvent: (event) => void events.push(event),
    });
    expectValidEventLog(events);
    expect(report).toMatchObject({
      status: 'completed',
      completed: true,
      finalAnswer: 'It is a demo [1].',
      iterations: 1,
    });
    expect(report.model).toBe('scripted');
    expect(report.tasks[0]).toMatchObject({ id: '1', status: 'complete', summary: 'A demo project.' });
    expect(report.markdown).toContain('- [x] Read README.md');
    expect(Object.keys(report.usage.byRole).sort()).toEqual(['actor', 'planner']);
    const runEnd = events.at(-1);
    expect(runEnd?.type === 'run-end' && runEnd.report).toEqual(report);
    expect(events.every((event) => event.runId === 'run-a')).toBe(true);
    expect(events.map((event) => event.type)).toEqual([
      'run-start',
      'llm-usage',
      'plan-update',
      'task-start',
      'llm-usage',
      'tool-call',
      'tool-result',
      'actor-step',
      'llm-usage',
      'actor-step',
      'judge-verdict',
      'task-end',
      'llm-usage',
      'plan-update',
      'judge-verdict',
      'run-end',
    ]);
  });

  it('asks the optimizer for prompts and records every task outcome, emitting its events', async () => {
    const outcomes: TaskOutcome[] = [];
    const optimizer: PromptOptimizer = {
      currentPrompt: (component: PromptComponent): ActivePrompt => ({
        component,
        candidateId: `${component}-v2`,
        text: component === 'planner' ? 'EVOLVED PLANNER' : 'EVOLVED ACTOR as {{persona}}',
      }),
      record: async (outcome) => {
        outcomes.push(outcome);
        return [
          {
            type: 'gepa-record',
            component: outcome.component,
            candidateId: outcome.candidateId,
            score: outcome.score,
            composite: 0.5,
          },
        ];
      },
    };
    const model = routedModel(
      [
        plan({ tasks: [{ id: '1', title: 'Do it', persona: 'doer' }], next: ['1'] }),
        plan({ done: true, finalAnswer: 'no' }),
      ],
      { '1': [finish('It cannot be done', 'failed')] },
    );
    const events: RunEvent[] = [];
    const report = await workflowWith(model, optimizer).run('Do it', { onEvent: (event) => void events.push(event) });
    expect(model.requests[0]?.messages[0]?.content).toBe('EVOLVED PLANNER');
    expect(String(model.requests[1]?.messages[0]?.content)).toMatch(/^EVOLVED ACTOR as doer\n\n## Tools\n/);
    expect(outcomes.map((outcome) => [outcome.component, outcome.candidateId, outcome.score])).toEqual([
      ['actor', 'actor-v2', 0],
      ['planner', 'planner-v2', 0],
    ]);
    expect(outcomes[0]?.feedback).toContain('judge fail');
    expect(outcomes[0]?.feedback).toContain('It cannot be done');
    expect(outcomes[0]?.prompt).toBe('EVOLVED ACTOR as {{persona}}');
    expect(events.filter((event) => event.type === 'gepa-record')).toHaveLength(2);
    expect(report.status).toBe('failed');
    expectValidEventLog(events);
  });

  it("uses the default prompt texts under the optimizer's ids while it has no evolved text", async () => {
    const outcomes: TaskOutcome[] = [];
    const optimizer: PromptOptimizer = {
      currentPrompt: (component) => ({ component, candidateId: `${component}-default`, text: '' }),
      record: async (outcome) => {
        outcomes.push(outcome);
        return [];
      },
    };
    const model = routedModel(
      [plan({ tasks: [{ id: '1', title: 'Do it' }], next: ['1'] }), plan({ done: true, finalAnswer: 'ok' })],
      { '1': [finish('done')] },
    );
    await workflowWith(model, optimizer).run('Do it');
    expect(model.requests[0]?.messages[0]?.content).toBe(DEFAULT_PLANNER_PROMPT);
    expect(outcomes.map((outcome) => [outcome.candidateId, outcome.prompt])).toEqual([
      ['actor-default', DEFAULT_ACTOR_PROMPT_TEMPLATE],
      ['planner-default', DEFAULT_PLANNER_PROMPT],
    ]);
  });

  it('never rejects on a planner fault: the run ends failed with the error', async () => {
    const model = new ScriptedModel([
      () => {
        throw new Error('model server unreachable');
      },
    ]);
    const events: RunEvent[] = [];
    const report = await workflowWith(model).run('Anything', { onEvent: (event) => void events.push(event) });
    expect(report).toMatchObject({ status: 'failed', completed: false, error: 'model server unreachable' });
    expectValidEventLog(events);
  });

  it('stops at the iteration limit with status limit-reached', async () => {
    const tasks = [1, 2, 3].map((id) => ({
      id: String(id),
      title: `Step ${id}`,
      dependsOn: id > 1 ? [String(id - 1)] : [],
    }));
    const model = routedModel(
      [plan({ tasks, next: ['1'] }), plan({ tasks, next: ['2'] }), plan({ tasks, next: ['3'] })],
      { '1': [finish('one')], '2': [finish('two')] },
    );
    const report = await workflowWith(model).run('Three steps', { maxIterations: 2 });
    expect(report).toMatchObject({ status: 'limit-reached', iterations: 2 });
    expect(report.tasks.map((task) => task.status)).toEqual(['complete', 'complete', 'pending']);
  });

  it("stops when a caller's stopWhen condition says so, and the default limits still apply after it", async () => {
    const tasks = [1, 2, 3].map((id) => ({
      id: String(id),
      title: `Step ${id}`,
      dependsOn: id > 1 ? [String(id - 1)] : [],
    }));
    const script = () =>
      routedModel([plan({ tasks, next: ['1'] }), plan({ tasks, next: ['2'] }), plan({ tasks, next: ['3'] })], {
        '1': [finish('one')],
        '2': [finish('two')],
        '3': [finish('three')],
      });
    const seen: number[] = [];
    const tokenBudget: StopCondition = ({ usage }) => {
      seen.push(usage.totalTokens);
      return seen.length > 1
        ? { status: 'limit-reached', error: 'token budget spent', heading: 'Out of budget. Results so far:' }
        : undefined;
    };
    const budgeted = new AIMEWorkflow({
      config: testConfig(),
      model: script(),
      workspaceRoot: tempWorkspace(),
      stopWhen: [tokenBudget],
    });
    const report = await budgeted.run('Three steps');
    expect(report).toMatchObject({ status: 'limit-reached', iterations: 1, error: 'token budget spent' });
    expect(report.finalAnswer).toMatch(/^Out of budget\. Results so far:/);
    // It saw the tokens spent so far: the first plan, then that plan plus the first task and re-plan.
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBeGreaterThan(seen[0]!);
    expect(seen[1]).toBe(report.usage.total.totalTokens);

    const neverStops: StopCondition = () => undefined;
    const bounded = new AIMEWorkflow({
      config: testConfig(),
      model: script(),
      workspaceRoot: tempWorkspace(),
      stopWhen: [neverStops],
    });
    expect(await bounded.run('Three steps', { maxIterations: 2 })).toMatchObject({
      status: 'limit-reached',
      error: 'stopped after 2 iterations',
    });
  });

  it('detects a stall (same failure, no checklist change) and gives up after the re-plan limit', async () => {
    const retry = plan({ tasks: [{ id: '1', title: 'Flaky' }], next: ['1'] });
    const model = routedModel(
      Array.from({ length: 6 }, () => retry),
      {
        '1': Array.from({ length: 6 }, () => finish('same error every time', 'failed')),
      },
    );
    const workflow = new AIMEWorkflow({
      config: testConfig(),
      model,
      workspaceRoot: tempWorkspace(),
      limits: { maxReplans: 3, stallIterations: 2 },
    });
    const report = await workflow.run('Keep trying');
    expect(report.status).toBe('limit-reached');
    expect(report.error).toMatch(/^gave up after 3 re-plans/);
    const plannerMessages = model.requests.filter((request) => requestRole(request) === 'planner');
    const reasons = plannerMessages.map((request) => String(request.messages.at(-1)?.content));
    expect(reasons[1]).toContain('Re-plan required: task 1 ("Flaky") failed: same error every time');
    expect(reasons.some((text) => text.includes('no progress for 2 iterations'))).toBe(true);
  });

  it('cancels through the AbortSignal: status cancelled, the running task cancelled (not failed, not scored)', async () => {
    const controller = new AbortController();
    const outcomes: TaskOutcome[] = [];
    const optimizer: PromptOptimizer = {
      currentPrompt: (component: PromptComponent): ActivePrompt => ({ component, candidateId: 'seed', text: 'P' }),
      record: async (outcome) => {
        outcomes.push(outcome);
        return [];
      },
    };
    const model = routedModel(
      [
        plan({
          tasks: [
            { id: '1', title: 'Slow' },
            { id: '2', title: 'Later', dependsOn: ['1'] },
          ],
          next: ['1'],
        }),
      ],
      { '1': [finish('never')] },
      30,
    );
    const events: RunEvent[] = [];
    const report = await workflowWith(model, optimizer).run('Slow goal', {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'task-start') controller.abort(new Error('user pressed Ctrl-C'));
      },
    });
    expect(report.status).toBe('cancelled');
    expect(report.tasks.map((task) => task.status)).toEqual(['cancelled', 'pending']);
    expect(report.markdown).toContain('- [~] Slow');
    expect(report.finalAnswer).toContain('[1] Slow was cancelled before it finished.');
    expectValidEventLog(events);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled' });
    expect(events.filter((event) => event.type === 'task-end')).toEqual([
      expect.objectContaining({
        taskId: '1',
        status: 'cancelled',
        summary: 'the run was cancelled while this task ran',
      }),
    ]);
    // a cancel is no failure: nothing judged, nothing scored for GEPA
    expect(events.filter((event) => event.type === 'judge-verdict')).toEqual([]);
    expect(outcomes).toEqual([]);
  });

  it('streams the same events as an async iterable, ending with run-end', async () => {
    const model = routedModel(
      [plan({ tasks: [{ id: '1', title: 'Say hi' }], next: ['1'] }), plan({ done: true, finalAnswer: 'hi' })],
      { '1': [finish('hi')] },
    );
    const events: RunEvent[] = [];
    for await (const event of workflowWith(model).stream('Say hi')) events.push(event);
    expectValidEventLog(events);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
  });

  it('cancels the run when the consumer leaves the stream early', async () => {
    const model = routedModel(
      [plan({ tasks: [{ id: '1', title: 'Slow' }], next: ['1'] })],
      { '1': [finish('late')] },
      200,
    );
    const seen: string[] = [];
    for await (const event of workflowWith(model).stream('Slow goal')) {
      seen.push(event.type);
      if (event.type === 'run-start') break;
    }
    expect(seen).toEqual(['run-start']);
    expect(model.requests.length).toBeLessThanOrEqual(1);
  });
});
