import type { RunStatus } from '@gepa-aime/core';
import { useState } from 'react';
import { cancelRun } from '../../api/runs-api';
import { formatClock, formatDuration } from '../../format/format-time';
import { useNow } from '../../hooks/use-now';
import { ClockIcon } from '../icons/clock-icon';
import { StatusBadge } from '../status/status-badge';

interface RunHeaderProps {
  runId: string;
  goal: string;
  status: RunStatus;
  model: string;
  startedAt?: number;
  endedAt?: number;
}

/** Goal, status, timing and the cancel button of the open run. */
export function RunHeader({ runId, goal, status, model, startedAt, endedAt }: RunHeaderProps) {
  const live = status === 'running' || status === 'queued' || status === 'waiting';
  const now = useNow(1_000, live);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    try {
      await cancelRun(runId);
    } catch (error) {
      setCancelError(error instanceof Error ? error.message : String(error));
    } finally {
      setCancelling(false);
    }
  }

  return (
    <header className="run-header panel">
      <div className="run-header-main">
        <p className="run-header-eyebrow">
          Run <code>{runId}</code>
          {model ? (
            <>
              {' '}
              · model <code>{model}</code>
            </>
          ) : null}
        </p>
        <h1 className="run-header-goal">{goal || 'Loading…'}</h1>
        <p className="run-header-meta">
          <StatusBadge status={status} />
          {startedAt ? <span>started {formatClock(startedAt)}</span> : null}
          {startedAt ? (
            <span className="run-header-duration">
              <ClockIcon /> {formatDuration((endedAt ?? now) - startedAt)}
            </span>
          ) : null}
        </p>
      </div>
      {live ? (
        <div className="run-header-actions">
          <button type="button" className="button button-danger" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
          {cancelError ? (
            <p className="form-error" role="alert">
              {cancelError}
            </p>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
