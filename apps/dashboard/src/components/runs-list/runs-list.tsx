import { useState } from 'react';
import type { RunSummary } from '../../api/types';
import { formatAge, formatDuration } from '../../format/format-time';
import { runHref } from '../../hooks/use-hash-route';
import { useNow } from '../../hooks/use-now';
import { ClockIcon } from '../icons/clock-icon';
import { StatusBadge } from '../status/status-badge';

interface RunsListProps {
  runs: RunSummary[];
  selectedRunId?: string;
  /** Shown when the server has older runs than those listed. */
  onLoadOlder?: () => Promise<void>;
}

function runDuration(run: RunSummary, now: number): string | null {
  if (!run.startedAt) return null;
  return formatDuration((run.endedAt ?? now) - run.startedAt);
}

/** Every run, newest first, live: badges move as runs start and end. */
export function RunsList({ runs, selectedRunId, onLoadOlder }: RunsListProps) {
  const now = useNow(1_000);
  const [loading, setLoading] = useState(false);

  async function loadOlder() {
    if (!onLoadOlder) return;
    setLoading(true);
    try {
      await onLoadOlder();
    } finally {
      setLoading(false);
    }
  }

  return (
    <nav className="runs panel" aria-label="Runs">
      <h2 className="panel-title">
        Runs <span className="panel-count">{runs.length}</span>
      </h2>
      {runs.length === 0 ? (
        <p className="empty-note">No runs yet. Launch one above.</p>
      ) : (
        <ul className="runs-list">
          {runs.map((run) => {
            const duration = runDuration(run, now);
            return (
              <li key={run.id}>
                <a
                  className="run-item"
                  href={runHref(run.id)}
                  aria-current={run.id === selectedRunId ? 'page' : undefined}
                  data-run-id={run.id}
                >
                  <span className="run-item-goal" title={run.goal}>
                    {run.goal || run.id}
                  </span>
                  <span className="run-item-meta">
                    <StatusBadge status={run.status} />
                    <span className="run-item-age">{formatAge(run.createdAt, now)}</span>
                    {duration ? (
                      <span className="run-item-duration">
                        <ClockIcon /> {duration}
                      </span>
                    ) : null}
                    {run.taskCounts && run.taskCounts.total > 0 ? (
                      <span className="run-item-tasks">
                        {run.taskCounts.complete}/{run.taskCounts.total} tasks
                      </span>
                    ) : null}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
      {onLoadOlder ? (
        <button type="button" className="button button-quiet" onClick={loadOlder} disabled={loading}>
          {loading ? 'Loading…' : 'Load older runs'}
        </button>
      ) : null}
    </nav>
  );
}
