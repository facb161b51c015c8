import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../protocol/run-events';
import { agentHandler, fakeServerWorkflow, finishCall, messagesOf } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import { expectValidEventLog, tempWorkspace } from '../../testing/workflow-fixtures';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

function plannerRequests() {
  return server.modelRequests().filter((request) => request.body?.response_format);
}

function lastUserText(index: number): string {
  const messages = messagesOf(plannerRequests()[index]?.body ?? {});
  return String(messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');
}

const of = <T extends RunEvent['type']>(events: RunEvent[], type: T) =>
  events.filter((event): event is Extract<RunEvent, { type: T }> => event.type === type);

describe('AIMEWorkflow against the fake OpenAI-compatible server', () => {
  it('executes a multi-level plan to completion (parents derived from their subtasks)', async () => {
    const root = tempWorkspace();
    const tasks = [
      {
        id: '1',
        title: 'Inspect the project',
        completionCriteria: 'layout and readme known',
        children: [
          { id: '1.1', title: 'List the root', bundles: ['default'], persona: 'analyst' },
          { id: '1.2', title: 'Read README.md', dependsOn: ['1.1'] },
        ],
      },
      { id: '2', title: 'Write notes/report.md', dependsOn: ['1'], persona: 'technical writer' },
    ];
    server.setHandler(
      agentHandler({
        planner: [
          { tasks, next: ['1.1'] },
          { tasks, next: ['1.2'] },
          { tasks, next: ['2'] },
          { done: true, finalAnswer: 'Report written to notes/report.md [2], based on [1.1] and [1.2].' },
        ],
        actors: {
          '1.1': [{ toolCalls: [{ name: 'list_dir', arguments: { path: '.' } }] }, finishCall('Root has README.md.')],
          '1.2': [
            { toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] },
            finishCall('A demo project.'),
          ],
          '2': [
            {
              toolCalls: [
                { name: 'write_file', arguments: { path: 'notes/report.md', content: '# Report\nA demo project.\n' } },
              ],
            },
            finishCall('Wrote notes/report.md', 'complete', ['notes/report.md']),
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Inspect the project and write a report', { onEvent });
    expectValidEventLog(events);
    expect(report).toMatchObject({ status: 'completed', iterations: 3, model: 'fake-model' });
    expect(report.tasks.map((task) => [task.id, task.status, task.depth])).toEqual([
      ['1', 'complete', 0],
      ['1.1', 'complete', 1],
      ['1.2', 'complete', 1],
      ['2', 'complete', 0],
    ]);
    expect(report.markdown).toMatch(/- \[x\] Inspect the project.*\n(.*\n)* {4}- \[x\] List the root/);
    expect(report.finalAnswer).toContain('[1.2]');
    const readmeObservation = of(events, 'tool-result').find((event) => event.tool === 'read_file');
    expect(readmeObservation?.output).toContain('A demo project.');
    const actorForTask2 = server
      .modelRequests()
      .find((request) => String(messagesOf(request.body ?? {})[1]?.content).includes('Subtask [2]'));
    expect(String(messagesOf(actorForTask2?.body ?? {})[0]?.content)).toContain(
      '- [1.2] Read README.md: A demo project.',
    );
    expect(plannerRequests()[0]?.body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'aime_plan' },
    });
  });

  it('re-plans after a failing task and completes through a contingency task', async () => {
    const root = tempWorkspace();
    writeFileSync(join(root, 'settings.txt'), 'mode=fast\n');
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'Read config.txt' }], next: ['1'] },
          {
            rationale: 'config.txt is missing; read settings.txt instead.',
            tasks: [
              { id: '1', title: 'Read config.txt' },
              { id: '1b', title: 'Read settings.txt instead', contingencyFor: '1' },
            ],
            next: ['1b'],
          },
          { done: true, finalAnswer: 'mode=fast [1b]' },
        ],
        actors: {
          '1': [
            { toolCalls: [{ name: 'read_file', arguments: { path: 'config.txt' } }] },
            finishCall('config.txt does not exist', 'failed'),
          ],
          '1b': [
            { toolCalls: [{ name: 'read_file', arguments: { path: 'settings.txt' } }] },
            finishCall('mode=fast', 'complete', ['settings.txt']),
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Find the mode setting', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('completed');
    expect(report.tasks.map((task) => [task.id, task.status])).toEqual([
      ['1', 'failed'],
      ['1b', 'complete'],
    ]);
    const failedRead = of(events, 'tool-result').find((event) => !event.ok);
    expect(failedRead?.error).toContain('config.txt');
    expect(lastUserText(1)).toContain('Re-plan required: task 1 ("Read config.txt") failed: config.txt does not exist');
    expect(of(events, 'plan-update')[1]?.rationale).toContain('read settings.txt instead');
  });

  it('stops an actor that loops on one tool call and makes the planner re-plan', async () => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'Look around' }], next: ['1'] },
          { done: true, finalAnswer: 'Could not finish: the actor looped.' },
        ],
        actors: { '1': [{ toolCalls: [{ name: 'list_dir', arguments: { path: '.' } }] }] },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Look around', { onEvent });
    expectValidEventLog(events);
    expect(of(events, 'tool-call')).toHaveLength(2);
    const taskEnd = of(events, 'task-end')[0];
    expect(taskEnd?.status).toBe('failed');
    expect(taskEnd?.summary).toMatch(/Loop detected: list_dir was called 3 times/);
    expect(lastUserText(1)).toMatch(/Re-plan required: task 1 \("Look around"\) was stopped by loop detection/);
    expect(report.status).toBe('failed');
  });

  it('runs independent tasks in parallel (their executions overlap in time)', async () => {
    const root = tempWorkspace();
    const tasks = ['a', 'b', 'c'].map((id) => ({ id, title: `Check ${id}` }));
    const slowFinish = (id: string) => ({ ...finishCall(`checked ${id}`), latencyMs: 300 });
    server.setHandler(
      agentHandler({
        planner: [
          { tasks, next: ['a', 'b', 'c'] },
          { done: true, finalAnswer: 'all checked [a][b][c]' },
        ],
        actors: { a: [slowFinish('a')], b: [slowFinish('b')], c: [slowFinish('c')] },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Check a, b and c', { onEvent, maxParallelActors: 3 });
    expectValidEventLog(events);
    expect(report.status).toBe('completed');
    expect(report.iterations).toBe(1);
    const starts = of(events, 'task-start').map((event) => event.ts);
    const ends = of(events, 'task-end').map((event) => event.ts);
    expect(starts).toHaveLength(3);
    expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));
  });

  it('honours maxParallelActors: the rest of the batch waits for the next iteration', async () => {
    const root = tempWorkspace();
    const tasks = ['a', 'b', 'c'].map((id) => ({ id, title: `Check ${id}` }));
    server.setHandler(
      agentHandler({
        planner: [
          { tasks, next: ['a', 'b', 'c'] },
          { tasks, next: ['c'] },
          { done: true, finalAnswer: 'ok' },
        ],
        actors: { a: [finishCall('a')], b: [finishCall('b')], c: [finishCall('c')] },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Check', { onEvent, maxParallelActors: 2 });
    expect(report.iterations).toBe(2);
    expect(of(events, 'task-start').map((event) => event.taskId)).toEqual(['a', 'b', 'c']);
  });

  it('cancels mid-run: the model request is aborted (the server sees the disconnect) and the status is cancelled', async () => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [{ tasks: [{ id: '1', title: 'Think hard' }], next: ['1'] }],
        actors: { '1': [{ fault: 'hang' }] },
      }),
    );
    const { workflow, events } = fakeServerWorkflow(server, root);
    const controller = new AbortController();
    const running = workflow.run('Think hard', {
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'task-start') setTimeout(() => controller.abort(new Error('user cancelled')), 50);
      },
    });
    const report = await running;
    await server.waitForDisconnects(1);
    expect(report.status).toBe('cancelled');
    expect(server.disconnects).toBeGreaterThanOrEqual(1);
    expectValidEventLog(events);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled' });
  });

  it('falls back to a deterministic decomposition after invalid planner JSON twice, and records it', async () => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [
          { content: 'Sure! Here is my plan: step one, step two.' },
          { content: '{"tasks": 5}' },
          ...Array.from({ length: 4 }, () => ({ content: 'still not JSON' })),
        ],
        actors: {
          '1': [{ toolCalls: [{ name: 'list_dir', arguments: {} }] }, finishCall('Listed the root.')],
          '2': [
            { toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] },
            finishCall('A demo project.'),
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('List the files and summarise README.md', { onEvent });
    expectValidEventLog(events);
    const first = of(events, 'plan-update')[0];
    expect(first).toMatchObject({ fallback: true });
    expect(first?.reason).toMatch(/invalid after 2 attempts: .*tasks: Invalid input: expected array/);
    expect(first?.tasks.map((task) => task.title)).toEqual(['List the files', 'Summarise README.md']);
    expect(String(messagesOf(plannerRequests()[1]?.body ?? {}).at(-1)?.content)).toMatch(
      /^Your answer was invalid: the answer is not a JSON object/,
    );
    expect(report.status).toBe('completed');
    expect(report.tasks.map((task) => task.status)).toEqual(['complete', 'complete']);
    expect(of(events, 'plan-update').every((event) => event.fallback === true)).toBe(true);
    expect(report.finalAnswer).toContain('[2] Summarise README.md: A demo project.');
  });

  it('drives actors through the react-text protocol when the server has no tool calling', async () => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'Read README.md' }], next: ['1'] },
          { done: true, finalAnswer: 'A demo [1].' },
        ],
        actors: {
          '1': [
            { content: 'Thought: read it\nAction: read_file\nAction Input: {"path": "README.md"}' },
            {
              content:
                'Thought: done\nAction: finish\nAction Input: {"status": "complete", "summary": "A demo project.", "references": ["README.md"]}',
            },
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root, {}, 'react-text');
    const report = await workflow.run('Read the readme', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('completed');
    expect(report.tasks[0]?.summary).toBe('A demo project.');
    const actorRequests = server.modelRequests().filter((request) => !request.body?.response_format);
    expect(actorRequests.every((request) => request.body?.tools === undefined)).toBe(true);
    expect(String(messagesOf(actorRequests[1]?.body ?? {}).at(-1)?.content)).toMatch(/^Observation: # Demo/);
  });
});
