import type { ProgressManager } from '../progress/progress-manager';
import { leafTasks } from './apply-plan';

/** A final answer built only from what tasks reported, citing each task by id. */
export function composeAnswerFromResults(progress: ProgressManager, heading?: string): string {
  const leaves = leafTasks(progress);
  const complete = leaves.filter((task) => task.status === 'complete' && task.summary);
  const failed = leaves.filter((task) => task.status === 'failed');
  const cancelled = leaves.filter((task) => task.status === 'cancelled');
  const parts: string[] = [];
  if (heading) parts.push(heading);
  for (const task of complete) parts.push(`[${task.id}] ${task.title}: ${task.summary}`);
  for (const task of failed) parts.push(`[${task.id}] ${task.title} failed: ${task.summary ?? 'no reason given'}`);
  for (const task of cancelled) parts.push(`[${task.id}] ${task.title} was cancelled before it finished.`);
  if (complete.length === 0 && failed.length === 0) parts.push('No task produced a result.');
  return parts.join('\n\n');
}
