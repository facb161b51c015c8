import type { RunEvent, RunEventInput, TaskSnapshot } from '@gepa-aime/core';

export const sampleRunId = 'run-1';

function task(id: string, title: string, extra: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    id,
    parentId: id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : null,
    title,
    status: 'pending',
    depth: id.split('.').length - 1,
    dependsOn: [],
    ...extra,
  };
}

/** Stamps inputs with runId, contiguous seqs from 1 and increasing timestamps, as the emitter does. */
export function stamp(inputs: RunEventInput[], runId = sampleRunId): RunEvent[] {
  return inputs.map((input, index) => ({ ...input, runId, seq: index + 1, ts: 1_000 + index * 100 }) as RunEvent);
}

/** A small complete run: a parent with two leaves, one actor step each, a final answer. */
export function sampleRunEvents(runId = sampleRunId): RunEvent[] {
  const plan = [
    task('1', 'Survey the workspace', { completionCriteria: 'Top-level layout listed' }),
    task('1.1', 'List the root directory', { completionCriteria: 'Entries listed' }),
    task('1.2', 'Read the README', { completionCriteria: 'Purpose summarised' }),
  ];
  const finished = plan.map((snapshot) => ({ ...snapshot, status: 'complete' as const }));
  return stamp(
    [
      { type: 'run-start', goal: 'Summarise the repository', model: 'offline', maxIterations: 8, maxParallelActors: 2 },
      { type: 'plan-update', iteration: 1, tasks: plan, markdown: '', rationale: 'Split into survey steps' },
      {
        type: 'task-start',
        taskId: '1.1',
        title: 'List the root directory',
        actor: 'actor-1.1',
        persona: 'Repository cartographer',
        tools: ['list_dir', 'update_progress'],
      },
      {
        type: 'actor-step',
        taskId: '1.1',
        step: 1,
        thought: 'I should list the root',
        action: 'list_dir',
        args: { path: '.' },
        observation: 'apps/ packages/ README.md',
      },
      { type: 'progress-update', taskId: '1.1', status: 'in_progress', message: 'Listed 3 entries' },
      {
        type: 'llm-usage',
        role: 'actor',
        taskId: '1.1',
        promptTokens: 100,
        completionTokens: 20,
        totalTokens: 120,
        ms: 5,
      },
      {
        type: 'task-end',
        taskId: '1.1',
        status: 'complete',
        summary: 'Root holds apps, packages and a README',
        references: ['.'],
      },
      {
        type: 'task-start',
        taskId: '1.2',
        title: 'Read the README',
        actor: 'actor-1.2',
        persona: 'Technical reader',
        tools: ['read_file'],
      },
      {
        type: 'actor-step',
        taskId: '1.2',
        step: 1,
        thought: 'Read it',
        action: 'read_file',
        args: { path: 'README.md' },
        observation: '# Project',
      },
      {
        type: 'task-end',
        taskId: '1.2',
        status: 'complete',
        summary: 'README describes the project',
        references: ['README.md'],
      },
      { type: 'llm-usage', role: 'planner', promptTokens: 300, completionTokens: 50, totalTokens: 350, ms: 9 },
      {
        type: 'run-end',
        status: 'completed',
        report: {
          goal: 'Summarise the repository',
          status: 'completed',
          completed: true,
          finalAnswer: 'The repository has apps and packages.',
          tasks: finished,
          markdown: '',
          history: [],
          rationale: 'All tasks complete',
          usage: {
            total: { promptTokens: 400, completionTokens: 70, totalTokens: 470 },
            byRole: {
              actor: { promptTokens: 100, completionTokens: 20, totalTokens: 120 },
              planner: { promptTokens: 300, completionTokens: 50, totalTokens: 350 },
            },
          },
          model: 'offline',
          iterations: 2,
        },
      },
    ],
    runId,
  );
}

/** The sample run cancelled while its second leaf ran: that task ends `cancelled`, the run too. */
export function sampleCancelledRunEvents(runId = sampleRunId): RunEvent[] {
  const startedSecond = sampleRunEvents(runId).findIndex(
    (event) => event.type === 'task-start' && event.taskId === '1.2',
  );
  const inputs = sampleRunEvents(runId)
    .slice(0, startedSecond + 1)
    .map(({ runId: _runId, seq: _seq, ts: _ts, ...input }) => input as RunEventInput);
  return stamp(
    [
      ...inputs,
      {
        type: 'task-end',
        taskId: '1.2',
        status: 'cancelled',
        summary: 'the run was cancelled while this task ran',
        references: [],
      },
      { type: 'run-end', status: 'cancelled' },
    ],
    runId,
  );
}
