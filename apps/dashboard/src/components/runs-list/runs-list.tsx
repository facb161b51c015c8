import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../api/types';
import { formatTaskCounts } from '../../format/format-task-counts';
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

/** Up to this many runs the list is shown whole; more fill the column and scroll (styles/runs.css). */
const FEW_RUNS = 3;

/**
 * Scrolls the list (only the list, never the page) so the item is fully visible: the open run
 * stays in view when it is opened from a link, after a reload, or as newer runs push it down.
 */
export function keepItemVisible(list: HTMLElement, item: HTMLElement): void {
  const listBox = list.getBoundingClientRect();
  const itemBox = item.getBoundingClientRect();
  if (itemBox.top < listBox.top) list.scrollTop -= listBox.top - itemBox.top;
  else if (itemBox.bottom > listBox.bottom) list.scrollTop += itemBox.bottom - listBox.bottom;
}

/** Every run, newest first, live: badges move as runs start and end. */
export function RunsList({ runs, selectedRunId, onLoadOlder }: RunsListProps) {
  const now = useNow(1_000);
  const [loading, setLoading] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const runCount = runs.length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runCount re-checks when runs arrive or are added above
  useEffect(() => {
    const list = listRef.current;
    if (!list || !selectedRunId) return;
    const item = list.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(selectedRunId)}"]`);
    if (item) keepItemVisible(list, item);
  }, [selectedRunId, runCount]);

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
    <nav className={runs.length > FEW_RUNS ? 'runs panel runs-many' : 'runs panel'} aria-label="Runs">
      <h2 className="panel-title">
        Runs <span className="panel-count">{runs.length}</span>
      </h2>
      {runs.length === 0 ? (
        <p className="empty-note">No runs yet. Launch one above.</p>
      ) : (
        <ul className="runs-list" ref={listRef}>
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
                      <span className="run-item-tasks">{formatTaskCounts(run.taskCounts)}</span>
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
