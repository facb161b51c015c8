import { leafTasks } from '../planner/apply-plan';
import type { ProgressManager } from '../progress/progress-manager';
import type { FinalRunStatus } from '../protocol/run-events';

/**
 * The status of a run the planner declared done: completed when every failed task was replaced by
 * a completed contingency task (possibly through a chain of contingencies), failed otherwise.
 */
export function judgeRun(progress: ProgressManager, contingencies: ReadonlyMap<string, string>): FinalRunStatus {
  const recovered = (id: string, depth = 0): boolean => {
    const contingency = contingencies.get(id);
    if (!contingency || depth > 10) return false;
    const status = progress.getTask(contingency)?.status;
    return status === 'complete' || (status === 'failed' && recovered(contingency, depth + 1));
  };
  const unrecovered = leafTasks(progress).filter((task) => task.status === 'failed' && !recovered(task.id));
  return unrecovered.length === 0 ? 'completed' : 'failed';
}
