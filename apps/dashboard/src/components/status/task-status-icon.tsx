import type { TaskStatus } from '@gepa-aime/core';

const glyphs: Record<TaskStatus, string> = { pending: '', in_progress: '', complete: '✓', failed: '!', cancelled: '–' };
const labels: Record<TaskStatus, string> = {
  pending: 'pending',
  in_progress: 'in progress',
  complete: 'complete',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function taskStatusLabel(status: TaskStatus): string {
  return labels[status];
}

export function TaskStatusIcon({ status }: { status: TaskStatus }) {
  return (
    <span className={`task-icon task-icon-${status}`} role="img" aria-label={labels[status]}>
      {glyphs[status]}
    </span>
  );
}
