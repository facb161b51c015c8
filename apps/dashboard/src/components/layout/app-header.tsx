import type { Route } from '../../hooks/use-hash-route';
import { ConnectionIndicator } from '../connection/connection-indicator';

export function AppHeader({ route }: { route: Route }) {
  return (
    <header className="app-header">
      <a className="brand" href="#/runs">
        <span className="brand-mark" aria-hidden="true">
          ◈
        </span>
        <span className="brand-name">GEPA·AIME</span>
        <span className="brand-tag">mission control</span>
      </a>
      <nav className="app-nav" aria-label="Views">
        <a href="#/runs" aria-current={route.view === 'runs' ? 'page' : undefined}>
          Runs
        </a>
        <a href="#/gepa" aria-current={route.view === 'gepa' ? 'page' : undefined}>
          GEPA optimizer
        </a>
      </nav>
      <ConnectionIndicator />
    </header>
  );
}
