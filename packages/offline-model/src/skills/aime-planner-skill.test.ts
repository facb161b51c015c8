import type { ChatRequest, PlannerState, TaskSnapshot } from '@gepa-aime/core';
import { planResponseSchema, renderPlannerRequest } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { aimePlannerSkill, planFor } from './aime-planner-skill';

const snapshot = (
  id: string,
  title: string,
  status: TaskSnapshot['status'],
  extra: Partial<TaskSnapshot> = {},
): TaskSnapshot => ({
  id,
  parentId: null,
  title,
  status,
  depth: 0,
  dependsOn: [],
  ...extra,
});

const state = (tasks: TaskSnapshot[]): PlannerState => ({
  goal: 'Read README.md and write a summary to notes/summary.md',
  iteration: 1,
  maxIterations: 10,
  tasks,
  ready: [],
  replanReason: null,
});

describe('offline planner skill', () => {
  it('handles only planner requests (by metadata) and answers with JSON valid for the plan schema', async () => {
    const plannerState = { ...state([]), iteration: 0 };
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'planner' },
        { role: 'user', content: renderPlannerRequest(plannerState, '') },
      ],
      responseSchema: { name: 'aime_plan', schema: {} },
      metadata: { role: 'planner', plannerState },
    };
    expect(aimePlannerSkill.handles(request)).toBe(true);
    const { metadata: _metadata, ...unmarked } = request;
    expect(aimePlannerSkill.handles(unmarked)).toBe(false);
    const reply = await aimePlannerSkill.respond(request);
    const plan = planResponseSchema.parse(JSON.parse(reply.content ?? ''));
    expect(plan.tasks.map((task) => task.title)).toEqual(['Read README.md', 'Write a summary to notes/summary.md']);
    expect(plan.next).toEqual(['1']);
    expect(plan.rationale).toMatch(/^Offline planner \(rule-based\)/);
  });

  it('runs the next ready task, then finishes with an answer built from the task summaries', () => {
    const running = planFor(
      state([
        snapshot('1', 'Read README.md', 'complete', { summary: 'README says hi.' }),
        snapshot('2', 'Write a summary', 'pending', { dependsOn: ['1'] }),
      ]),
    );
    expect(running).toMatchObject({ next: ['2'], done: false });
    const finished = planFor(
      state([
        snapshot('1', 'Read README.md', 'complete', { summary: 'README says hi.' }),
        snapshot('2', 'Write a summary', 'complete', { dependsOn: ['1'], summary: 'Wrote notes/summary.md.' }),
      ]),
    );
    expect(finished.done).toBe(true);
    expect(finished.finalAnswer).toContain('[1] Read README.md: README says hi.');
    expect(finished.finalAnswer).toContain('[2] Write a summary: Wrote notes/summary.md.');
  });

  it('runs a cancelled task again as it is: no contingency, as for a failure', () => {
    const plan = planFor(
      state([
        snapshot('1', 'Read README.md', 'cancelled', { summary: 'the run was cancelled while this task ran' }),
        snapshot('2', 'Write a summary', 'pending', { dependsOn: ['1'] }),
      ]),
    );
    expect(plan).toMatchObject({ next: ['1'], done: false });
    expect(plan.tasks.map((task) => task.id)).toEqual(['1', '2']);
  });

  it('adds one contingency task per failure, redirects dependants, and gives up after the contingency fails', () => {
    const first = planFor(
      state([
        snapshot('1', 'Read READM.md', 'failed', { summary: 'No such file' }),
        snapshot('2', 'Write a summary', 'pending', { dependsOn: ['1'] }),
      ]),
    );
    expect(first.next).toEqual(['1-retry']);
    expect(first.tasks.map((task) => [task.id, task.contingencyFor, task.dependsOn])).toEqual([
      ['1', '', []],
      ['1-retry', '1', []],
      ['2', '', ['1-retry']],
    ]);
    const second = planFor(
      state([
        snapshot('1', 'Read READM.md', 'failed', { summary: 'No such file' }),
        snapshot('1-retry', 'Read READM.md (another way)', 'failed', { summary: 'Still missing' }),
        snapshot('2', 'Write a summary', 'pending', { dependsOn: ['1-retry'] }),
      ]),
    );
    expect(second.done).toBe(true);
    expect(second.finalAnswer).toContain('failed: Still missing');
  });
});
