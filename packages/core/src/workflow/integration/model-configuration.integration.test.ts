import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../protocol/run-events';
import { agentHandler, fakeServerWorkflow, finishCall } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import type { FakeServerOptions } from '../../testing/fake-server/types';
import { expectValidEventLog, tempWorkspace } from '../../testing/workflow-fixtures';

let server: FakeOpenAIServer | undefined;
const workspaces: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const root of workspaces.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function start(options: FakeServerOptions): Promise<FakeOpenAIServer> {
  server = await startFakeOpenAIServer(options);
  return server;
}

function workspace(): string {
  const root = tempWorkspace();
  workspaces.push(root);
  return root;
}

const tasks = [
  { id: '1', title: 'List the root' },
  { id: '2', title: 'Read README.md' },
];
const twoTasks = {
  planner: [
    { tasks, next: ['1', '2'] },
    { tasks, next: ['1', '2'] },
    { done: true, finalAnswer: 'Done [1] [2].' },
  ],
  actors: {
    '1': [finishCall('Root has README.md.')],
    '2': [finishCall('A demo project.')],
  },
};

const actorRequests = (fake: FakeOpenAIServer) =>
  fake.modelRequests().filter((request) => !request.body?.response_format);
const plannerRequests = (fake: FakeOpenAIServer) =>
  fake.modelRequests().filter((request) => request.body?.response_format);
const runEnd = (events: RunEvent[]) => events.find((event) => event.type === 'run-end');

describe('configuration errors fail the run at once, saying what to do', () => {
  it('vLLM without --enable-auto-tool-choice: one failed actor request per task, no re-planning', async () => {
    const fake = await start({ autoToolChoice: false });
    fake.setHandler(agentHandler(twoTasks));
    const { workflow, events, onEvent } = fakeServerWorkflow(fake, workspace());
    const report = await workflow.run('List the root and read the readme', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('"auto" tool choice requires --enable-auto-tool-choice');
    expect(report.error).toContain('--tool-call-parser <parser>');
    expect(report.error).toContain('tool_protocol: react-text');
    expect(runEnd(events)).toMatchObject({ status: 'failed', error: report.error });
    expect(plannerRequests(fake)).toHaveLength(1);
    expect(actorRequests(fake)).toHaveLength(2);
    const ends = events.filter((event) => event.type === 'task-end');
    expect(ends.map((event) => [event.taskId, event.status]).sort()).toEqual([
      ['1', 'failed'],
      ['2', 'failed'],
    ]);
  });

  it('the same server works with tool_protocol: react-text (what the message advises)', async () => {
    const fake = await start({ autoToolChoice: false });
    const finish = (summary: string) => ({
      content: `Thought: done\nAction: finish\nAction Input: {"status": "complete", "summary": "${summary}", "references": []}`,
    });
    fake.setHandler(
      agentHandler({
        planner: [
          { tasks, next: ['1', '2'] },
          { done: true, finalAnswer: 'Done [1] [2].' },
        ],
        actors: { '1': [finish('Root has README.md.')], '2': [finish('A demo project.')] },
      }),
    );
    const { workflow, onEvent } = fakeServerWorkflow(fake, workspace(), {}, 'react-text');
    const report = await workflow.run('List the root and read the readme', { onEvent });
    expect(report.status).toBe('completed');
  });

  it('a model id the server does not serve fails at the first request with the fix', async () => {
    const fake = await start({ servedModelNames: ['Qwen/Qwen3-8B'] });
    fake.setHandler(agentHandler(twoTasks));
    const { workflow, events, onEvent } = fakeServerWorkflow(fake, workspace());
    const report = await workflow.run('List the root and read the readme', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('The model `fake-model` does not exist.');
    expect(report.error).toContain('GET <api_base>/models');
    expect(fake.modelRequests()).toHaveLength(1);
  });

  it('a server without structured output fails at the first planner request with the fix', async () => {
    const fake = await start({});
    fake.setHandler(() => ({
      fault: 'error',
      status: 400,
      shape: 'nested',
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    }));
    const { workflow, events, onEvent } = fakeServerWorkflow(fake, workspace());
    const report = await workflow.run('List the root and read the readme', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('failed');
    expect(report.error).toContain('The planner needs structured output');
    expect(fake.modelRequests()).toHaveLength(1);
  });
});
