import type { Route } from '../../hooks/use-hash-route';
import { ConnectionIndicator } from '../connection/connection-indicator';

/** `inert` while a modal dialog is open, so focus stays in the dialog. */
export function AppHeader({ route, inert }: { route: Route; inert?: boolean }) {
  return (
    <header className="app-header" inert={inert}>
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
