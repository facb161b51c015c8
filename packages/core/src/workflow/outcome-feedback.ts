import type { ActorReport } from '../actors/actor-report';
import type { TaskNode } from '../progress/task-node';

/** GEPA's textual feedback for one task outcome: the result, or the failure with its last failing observations. */
export function outcomeFeedback(task: TaskNode, report: ActorReport): string {
  const head = `Task [${task.id}] "${task.title}"`;
  if (report.status === 'complete') return `${head} completed in ${report.steps} step(s): ${report.summary}`;
  const failures = report.failedObservations.slice(-3);
  const observed = failures.length > 0 ? ` Failing observations: ${failures.join(' | ')}` : '';
  const stopped = report.stopReason ? ` (${report.stopReason})` : '';
  return `${head} failed${stopped}: ${report.summary}.${observed}`;
}
