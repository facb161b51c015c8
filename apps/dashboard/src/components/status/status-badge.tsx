import type { RunStatus } from '@gepa-aime/core';

const labels: Record<RunStatus, string> = {
  queued: 'queued',
  running: 'running',
  waiting: 'waiting for approval',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  'limit-reached': 'limit reached',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
