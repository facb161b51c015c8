import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUT_ANSWER_OBSERVATION } from '../../actors/dynamic-actor';
import type { RunEvent } from '../../protocol/run-events';
import { agentHandler, fakeServerWorkflow, finishCall, messagesOf } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import { expectValidEventLog, tempWorkspace } from '../../testing/workflow-fixtures';

let server: FakeOpenAIServer;
let root: string;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
  root = tempWorkspace();
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const planner = [
  { tasks: [{ id: '1', title: 'Read README.md' }], next: ['1'] },
  { done: true, finalAnswer: 'A demo [1].' },
];
const actorRequests = () => server.modelRequests().filter((request) => !request.body?.response_format);
const cutSteps = (events: RunEvent[]) =>
  events.filter((event) => event.type === 'actor-step' && event.finishReason === 'length');

describe('an actor answer cut by max_tokens (finish_reason "length")', () => {
  it('inside a <tool_call> block is not a finish report: the model is told and the task goes on', async () => {
    server.setHandler(
      agentHandler({
        planner,
        actors: {
          '1': [
            { fault: 'length-in-tool-call', toolCall: { name: 'read_file', arguments: { path: 'README.md' } } },
            { toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] },
            finishCall('A demo project.', 'complete', ['README.md']),
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Read the readme', { onEvent });
    expectValidEventLog(events);
    expect(report.status).toBe('completed');
    expect(report.tasks[0]).toMatchObject({ status: 'complete', summary: 'A demo project.' });
    expect(cutSteps(events)).toEqual([
      expect.objectContaining({ taskId: '1', step: 1, action: null, observation: CUT_ANSWER_OBSERVATION }),
    ]);
    const retry = messagesOf(actorRequests()[1]?.body ?? {});
    expect(retry.at(-2)).toMatchObject({ role: 'assistant', content: expect.stringContaining('<tool_call>') });
    expect(retry.at(-1)).toEqual({ role: 'user', content: CUT_ANSWER_OBSERVATION });
  });

  it('a cut plain-text report is not taken as the summary either', async () => {
    server.setHandler(
      agentHandler({
        planner,
        actors: {
          '1': [{ content: 'The README says this is a demo project and', finishReason: 'length' }, finishCall('Done.')],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Read the readme', { onEvent });
    expect(report.tasks[0]).toMatchObject({ status: 'complete', summary: 'Done.' });
    expect(cutSteps(events)).toHaveLength(1);
  });

  it('counts against the step budget: an actor cut at every step fails, saying why', async () => {
    server.setHandler(
      agentHandler({
        planner: [planner[0] as Record<string, unknown>, { done: true, finalAnswer: 'Nothing [1].' }],
        actors: {
          '1': [{ fault: 'length-in-tool-call', toolCall: { name: 'write_file', arguments: { path: 'a.md' } } }],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root, { maxActorSteps: 3, maxReplans: 0 });
    const report = await workflow.run('Read the readme', { onEvent });
    expect(report.tasks[0]?.status).toBe('failed');
    expect(report.tasks[0]?.summary).toContain('Stopped after 3 steps without a finish report');
    expect(report.tasks[0]?.summary).toContain('cut off at max_tokens');
    expect(cutSteps(events)).toHaveLength(3);
  });

  it('is handled the same in the react-text protocol', async () => {
    server.setHandler(
      agentHandler({
        planner,
        actors: {
          '1': [
            { content: 'Thought: read it\nAction: read_file\nAction Input: {"path": "READ', finishReason: 'length' },
            {
              content:
                'Thought: done\nAction: finish\nAction Input: {"status": "complete", "summary": "A demo project.", "references": []}',
            },
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root, {}, 'react-text');
    const report = await workflow.run('Read the readme', { onEvent });
    expect(report.tasks[0]).toMatchObject({ status: 'complete', summary: 'A demo project.' });
    expect(cutSteps(events)).toHaveLength(1);
    expect(events.some((event) => event.type === 'tool-call')).toBe(false);
    expect(messagesOf(actorRequests()[1]?.body ?? {}).at(-1)?.content).toBe(`Observation: ${CUT_ANSWER_OBSERVATION}`);
  });
});
