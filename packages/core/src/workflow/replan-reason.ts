import type { StallDetector } from '../planner/stall-detector';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskResult } from './task-runner';

/**
 * Why the planner must revise the plan after a batch: each failed task (with how it stopped) and
 * a stalled checklist. Undefined when the batch went well.
 */
export function replanReasonAfterBatch(
  results: readonly TaskResult[],
  stall: StallDetector,
  progress: ProgressManager,
): string | undefined {
  const reasons = results
    .filter((result) => result.report.status === 'failed')
    .map(({ task, report }) => {
      const how = report.stopReason === 'loop' ? 'was stopped by loop detection' : 'failed';
      return `task ${task.id} ("${task.title}") ${how}: ${report.summary}`;
    });
  if (stall.observe(checklistState(progress))) {
    reasons.push(`no progress for ${stall.limit} iterations (the checklist did not change)`);
    stall.reset();
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** The checklist as one comparable string (ids, statuses, summaries) for stall detection. */
export function checklistState(progress: ProgressManager): string {
  return JSON.stringify(progress.flatten().map((task) => [task.id, task.status, task.summary ?? '']));
}
