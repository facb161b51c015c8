import { lazy, Suspense, useEffect } from 'react';
import type { RunSummary } from './api/types';
import { GEPAStrip } from './components/gepa/gepa-strip';
import { GoalForm } from './components/goal-form/goal-form';
import { AppHeader } from './components/layout/app-header';
import { RunView } from './components/run-detail/run-view';
import { RunsList } from './components/runs-list/runs-list';
import { TokenDialog } from './components/token-dialog/token-dialog';
import { useDashboardServices, useDashboardState } from './hooks/dashboard-context';
import { runHref, useHashRoute } from './hooks/use-hash-route';
import { sortRuns } from './state/run-summaries';

/** recharts is most of the bundle: loaded only when the GEPA view opens. */
const GEPAPanel = lazy(() => import('./components/gepa/gepa-panel').then((module) => ({ default: module.GEPAPanel })));

/** Where the layout collapses to one column (styles/layout.css). */
const ONE_COLUMN_QUERY = '(max-width: 900px)';

export function App() {
  const { store, controller } = useDashboardServices();
  const state = useDashboardState();
  const route = useHashRoute();
  const selectedRunId = route.view === 'runs' ? route.runId : undefined;

  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);

  useEffect(() => {
    if (selectedRunId) controller.openRun(selectedRunId);
  }, [controller, selectedRunId]);

  // In one column an open run comes first (styles/layout.css puts it above the form and the runs
  // list); opening one from the list below scrolls back up to it.
  const shownRunId = selectedRunId !== undefined && state.runStates[selectedRunId] ? selectedRunId : undefined;
  useEffect(() => {
    if (shownRunId && window.matchMedia(ONE_COLUMN_QUERY).matches) window.scrollTo({ top: 0 });
  }, [shownRunId]);

  useEffect(() => {
    if (route.view === 'gepa') void controller.refreshGEPA();
  }, [controller, route.view]);

  function onCreated(run: RunSummary) {
    store.upsertRun(run);
    window.location.hash = runHref(run.id);
  }

  const runs = sortRuns(state.runs);
  const selectedRun = selectedRunId ? state.runStates[selectedRunId] : undefined;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader route={route} inert={state.tokenRequired} />
      <div className={selectedRunId ? 'app-body run-open' : 'app-body'} inert={state.tokenRequired}>
        <aside className="sidebar" aria-label="Missions">
          <GoalForm onCreated={onCreated} />
          <RunsList
            runs={runs}
            selectedRunId={selectedRunId}
            onLoadOlder={state.olderRunsCursor ? () => controller.loadOlderRuns() : undefined}
          />
          {route.view === 'runs' ? <GEPAStrip gepa={state.gepa} error={state.gepaError} /> : null}
        </aside>
        <main id="main" className="main" tabIndex={-1}>
          {route.view === 'gepa' ? (
            <Suspense fallback={<p className="empty-note">Loading the optimizer view…</p>}>
              <GEPAPanel gepa={state.gepa} error={state.gepaError} />
            </Suspense>
          ) : selectedRunId && state.missingRuns[selectedRunId] ? (
            <div className="empty-state panel" role="alert">
              <h1 className="panel-title">Run not found</h1>
              <p className="empty-note">
                The server has no run <code>{selectedRunId}</code>. Pick one from the list.
              </p>
            </div>
          ) : selectedRun ? (
            <RunView run={selectedRun} summary={state.runs[selectedRun.runId]} />
          ) : (
            <div className="empty-state panel">
              <h1 className="panel-title">No run selected</h1>
              <p className="empty-note">Launch a goal or pick a run from the list to watch it live.</p>
            </div>
          )}
        </main>
      </div>
      {state.tokenRequired ? <TokenDialog onSubmit={(token) => controller.submitToken(token)} /> : null}
    </div>
  );
}
