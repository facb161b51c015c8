import type { RunSummary } from '../api/types';

/**
 * A run's checklist in one line of the runs list: "2/3 tasks", then the tasks that did not
 * finish well, each kind on its own ("1 failed", "1 cancelled"), so a cancelled run does not
 * read like a failed one.
 */
export function formatTaskCounts(counts: NonNullable<RunSummary['taskCounts']>): string {
  const parts = [`${counts.complete}/${counts.total} tasks`];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} cancelled`);
  return parts.join(' · ');
}
