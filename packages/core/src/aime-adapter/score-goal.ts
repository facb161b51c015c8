import type { WorkflowReport } from '../protocol/run-events';
import type { TaskSnapshot } from '../protocol/task-status';
import type { GoalCheck } from './goal-workspace';

/** Weights of the goal score (documented in docs/online-gepa.md). */
export const GOAL_SCORE_WEIGHTS = {
  withExpectations: { goal: 0.4, tasks: 0.2, expectations: 0.4 },
  withoutExpectations: { goal: 0.7, tasks: 0.3 },
} as const;

/** A failed task of the run with its failing observations (tool errors, last observations). */
export interface FailedTask {
  id: string;
  title: string;
  summary: string;
  observations: string[];
}

export interface GoalScore {
  score: number;
  goalCompleted: boolean;
  /** Completed leaf tasks / leaf tasks (0 when the plan had none). */
  taskShare: number;
  /** Expectations that held / expectations (null when the goal has none). */
  expectationShare: number | null;
  feedback: string;
}

/** Leaf tasks: the ones actors ran (no other task has them as parent). */
export function leafSnapshots(tasks: readonly TaskSnapshot[]): TaskSnapshot[] {
  const parents = new Set(tasks.map((task) => task.parentId).filter((id): id is string => id !== null));
  return tasks.filter((task) => !parents.has(task.id));
}

/**
 * Scores one goal run in [0, 1]: goal completed (run status `completed`), share of leaf tasks
 * completed, share of expectations that held — 0.4 / 0.2 / 0.4 with expectations, 0.7 / 0.3
 * without — and writes the feedback the reflection model reads: what failed, with the failing
 * tasks' observations.
 */
export function scoreGoal(
  report: Pick<WorkflowReport, 'status' | 'tasks' | 'error'>,
  checks: readonly GoalCheck[],
  failedTasks: readonly FailedTask[],
): GoalScore {
  const goalCompleted = report.status === 'completed';
  const leaves = leafSnapshots(report.tasks);
  const completed = leaves.filter((task) => task.status === 'complete').length;
  const taskShare = leaves.length > 0 ? completed / leaves.length : 0;
  const passed = checks.filter((check) => check.passed).length;
  const expectationShare = checks.length > 0 ? passed / checks.length : null;
  const weights = GOAL_SCORE_WEIGHTS;
  const score =
    expectationShare === null
      ? weights.withoutExpectations.goal * Number(goalCompleted) + weights.withoutExpectations.tasks * taskShare
      : weights.withExpectations.goal * Number(goalCompleted) +
        weights.withExpectations.tasks * taskShare +
        weights.withExpectations.expectations * expectationShare;

  const lines: string[] = [];
  lines.push(
    goalCompleted
      ? 'Goal completed.'
      : `Goal not completed: the run ended ${report.status}${report.error ? ` (${report.error})` : ''}.`,
  );
  lines.push(`Tasks: ${completed} of ${leaves.length} complete.`);
  const failedChecks = checks.filter((check) => !check.passed);
  if (checks.length > 0) {
    lines.push(
      failedChecks.length === 0
        ? `Expectations: all ${checks.length} held.`
        : `Expectations failed: ${failedChecks.map((check) => check.detail).join('; ')}.`,
    );
  }
  for (const task of failedTasks) {
    const observed = task.observations.length > 0 ? ` Failing observations: ${task.observations.join(' | ')}` : '';
    lines.push(`Task [${task.id}] "${task.title}" failed: ${task.summary || 'no summary'}.${observed}`);
  }
  return { score: roundScore(score), goalCompleted, taskShare, expectationShare, feedback: lines.join('\n') };
}

/** Rounds away floating-point noise so equal outcomes compare equal (0.4 + 0.2 + 0.4 = 1). */
function roundScore(score: number): number {
  return Math.round(score * 1e9) / 1e9;
}
