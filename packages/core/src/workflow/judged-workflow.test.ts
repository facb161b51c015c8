import { describe, expect, it } from 'vitest';
import { Judge } from '../judge/judge';
import type { ChatRequest } from '../llm/types';
import type { RunEvent } from '../protocol/run-events';
import { ScriptedModel, type ScriptedReply } from '../testing/scripted-model';
import { expectValidEventLog, requestRole, tempWorkspace, testConfig } from '../testing/workflow-fixtures';
import { AIMEWorkflow } from './aime-workflow';

const plan = (body: Record<string, unknown>) =>
  JSON.stringify({ rationale: 'r', tasks: [], next: [], done: false, ...body });
const read = (path: string) => ({ toolCalls: [{ name: 'read_file', arguments: { path } }] });
const finish = (summary: string, references: string[] = []) => ({
  toolCalls: [{ name: 'finish', arguments: { status: 'complete', summary, references } }],
});
const verdict = (score: number, kind: string, feedback: string) => JSON.stringify({ score, verdict: kind, feedback });

/** Planner, judge and actor calls (by task id) each get their own script. */
function routedModel(scripts: {
  planner: ScriptedReply[];
  judge: ScriptedReply[];
  actors: Record<string, ScriptedReply[]>;
}) {
  return new ScriptedModel({
    fallback: (request: ChatRequest) => {
      const role = requestRole(request);
      const queue = role === 'planner' ? scripts.planner : role === 'judge' ? scripts.judge : scripts.actors[role];
      const reply = queue?.shift();
      if (reply === undefined) throw new Error(`no scripted reply for ${role}`);
      return reply;
    },
  });
}

async function run(model: ScriptedModel, goal: string) {
  const workflow = new AIMEWorkflow({
    config: testConfig(),
    model,
    workspaceRoot: tempWorkspace(),
    judge: new Judge({ mode: 'model', model }),
  });
  const events: RunEvent[] = [];
  const report = await workflow.run(goal, { onEvent: (event) => void events.push(event) });
  expectValidEventLog(events);
  return { report, events };
}

describe('AIMEWorkflow with a judge', () => {
  it('fails a claimed success the judge rejects, so the planner adds a contingency task that completes', async () => {
    const model = routedModel({
      planner: [
        plan({ tasks: [{ id: '1', title: 'Summarise README.md' }], next: ['1'] }),
        plan({
          tasks: [
            { id: '1', title: 'Summarise README.md' },
            { id: '1b', title: 'Read README.md, then summarise it', contingencyFor: '1' },
          ],
          next: ['1b'],
        }),
        plan({ done: true, finalAnswer: 'README.md describes a demo project [1b].' }),
      ],
      judge: [
        verdict(1, 'pass', 'Backed by the read of README.md.'),
        verdict(0.9, 'pass', 'The final answer is supported by task 1b.'),
      ],
      actors: {
        // Claims facts about a file it never read: the read-before-facts check fails it without a model call.
        '1': [finish('README.md describes a game engine.', ['README.md'])],
        '1b': [read('README.md'), finish('README.md describes a demo project.', ['README.md'])],
      },
    });
    const { report, events } = await run(model, 'Summarise README.md');
    const first = report.tasks.find((task) => task.id === '1');
    expect(first).toMatchObject({
      status: 'failed',
      claimedStatus: 'complete',
      verdict: { verdict: 'fail', score: 0 },
    });
    expect(first?.summary).toMatch(/^The judge failed this result: .*read nothing/);
    expect(report.markdown).toMatch(/- \[!\] Summarise README\.md/);
    // The planner saw the judge's feedback as the failure reason.
    const replan = model.requests.filter((request) => requestRole(request) === 'planner')[1];
    expect(JSON.stringify(replan?.messages)).toContain('The judge failed this result');
    expect(report.tasks.find((task) => task.id === '1b')).toMatchObject({
      status: 'complete',
      verdict: { verdict: 'pass' },
    });
    expect(report).toMatchObject({ status: 'completed', verdict: { verdict: 'pass', score: 0.9 } });
    const verdicts = events.filter((event) => event.type === 'judge-verdict');
    expect(verdicts.map((event) => [event.scope, event.taskId, event.verdict, event.source])).toEqual([
      ['task', '1', 'fail', 'checks'],
      ['task', '1b', 'pass', 'model'],
      ['goal', undefined, 'pass', 'model'],
    ]);
    expect(report.usage.byRole.judge?.totalTokens).toBeGreaterThan(0);
  });

  it('retries a partial result once with the judge feedback in the actor knowledge', async () => {
    const model = routedModel({
      planner: [
        plan({ tasks: [{ id: '1', title: 'Summarise README.md' }], next: ['1'] }),
        plan({ done: true, finalAnswer: 'A demo project [1].' }),
      ],
      judge: [
        verdict(0.5, 'partial', 'Quote the project description line.'),
        verdict(1, 'pass', 'Quoted.'),
        verdict(1, 'pass', 'Answered.'),
      ],
      actors: {
        '1': [
          read('README.md'),
          finish('A project.', ['README.md']),
          read('README.md'),
          finish('"A demo project." is the description.', ['README.md']),
        ],
      },
    });
    const { report, events } = await run(model, 'Summarise README.md');
    const actorPrompts = model.requests
      .filter((request) => requestRole(request) === '1')
      .map((request) => String(request.messages[0]?.content));
    expect(actorPrompts[0]).not.toContain('Quote the project description line.');
    expect(actorPrompts.at(-1)).toContain('Quote the project description line.');
    expect(events.filter((event) => event.type === 'task-start')).toHaveLength(2);
    expect(report.tasks[0]).toMatchObject({ status: 'complete', summary: '"A demo project." is the description.' });
    expect(report.status).toBe('completed');
  });

  it('fails the run when the judge fails the final answer', async () => {
    const model = routedModel({
      planner: [
        plan({ tasks: [{ id: '1', title: 'Read README.md' }], next: ['1'] }),
        plan({ done: true, finalAnswer: 'Done.' }),
      ],
      judge: [verdict(1, 'pass', 'Read.'), verdict(0.1, 'fail', 'The answer says nothing about the readme.')],
      actors: { '1': [read('README.md'), finish('A demo project.', ['README.md'])] },
    });
    const { report } = await run(model, 'What does README.md say?');
    expect(report).toMatchObject({
      status: 'failed',
      completed: false,
      verdict: { verdict: 'fail', feedback: 'The answer says nothing about the readme.' },
    });
    expect(report.error).toContain('The judge failed the final answer');
  });
});
