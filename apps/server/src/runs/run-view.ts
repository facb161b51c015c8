import type { RunDetail, RunSummary } from '../schemas/run';
import type { RunState } from './run-state';

export function runLinks(runId: string): RunSummary['links'] {
  const base = `/runs/${encodeURIComponent(runId)}`;
  return { self: base, events: `${base}/events`, cancel: `${base}/cancel`, websocket: '/ws' };
}

export function toRunSummary(run: RunState): RunSummary {
  const taskCounts = { total: run.tasks.length, pending: 0, in_progress: 0, complete: 0, failed: 0, cancelled: 0 };
  for (const task of run.tasks) taskCounts[task.status] += 1;
  return {
    id: run.id,
    goal: run.goal,
    status: run.status,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    updatedAt: run.updatedAt,
    model: run.model,
    lastSeq: run.lastSeq,
    taskCounts,
    usage: { ...run.usage },
    links: runLinks(run.id),
  };
}

export function toRunDetail(run: RunState): RunDetail {
  return {
    ...toRunSummary(run),
    maxIterations: run.maxIterations,
    maxParallelActors: run.maxParallelActors,
    iteration: run.iteration,
    tasks: run.tasks,
    markdown: run.markdown,
    rationale: run.rationale,
    finalAnswer: run.finalAnswer,
    usageByRole: run.usageByRole,
    report: run.report,
    error: run.error,
    approvals: run.approvals.map((approval) => ({ ...approval })),
  };
}
