import { useDashboardState } from '../../hooks/dashboard-context';
import { useNow } from '../../hooks/use-now';
import type { ConnectionState } from '../../state/connection-state';

function describe(connection: ConnectionState, now: number): string {
  switch (connection.phase) {
    case 'open':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'closed':
      return 'Disconnected';
    case 'reconnecting': {
      if (!connection.retryAt) return 'Reconnecting…';
      const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
      return seconds > 0 ? `Reconnecting in ${seconds}s` : 'Reconnecting…';
    }
  }
}

/** The WebSocket's health, always visible in the header. */
export function ConnectionIndicator() {
  const { connection } = useDashboardState();
  const now = useNow(500, connection.phase === 'reconnecting');
  return (
    <div
      className={`connection connection-${connection.phase}`}
      role="status"
      aria-live="polite"
      data-phase={connection.phase}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{describe(connection, now)}</span>
      {connection.phase === 'reconnecting' && connection.attempt > 1 ? (
        <span className="connection-attempt">attempt {connection.attempt}</span>
      ) : null}
    </div>
  );
}
