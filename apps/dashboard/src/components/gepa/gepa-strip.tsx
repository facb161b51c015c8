import { lazy, Suspense } from 'react';
import type { GEPAOverview } from '../../api/types';

/** recharts stays out of the main chunk: the chart loads on its own once the strip has data. */
const ScoreChart = lazy(() => import('./score-chart').then((module) => ({ default: module.ScoreChart })));

/** How many of the newest traces the strip draws. */
export const stripTraceCount = 50;

interface GEPAStripProps {
  gepa?: GEPAOverview;
  error?: string;
}

function currentComposite(gepa: GEPAOverview): number | undefined {
  return gepa.compositeScore ?? gepa.timeline.at(-1)?.composite;
}

/** A compact, live view of the optimizer beside the runs: recent composite scores and the prompts in use. */
export function GEPAStrip({ gepa, error }: GEPAStripProps) {
  const composite = gepa ? currentComposite(gepa) : undefined;
  const components = gepa ? Object.entries(gepa.current) : [];
  return (
    <section className="gepa-strip panel" aria-labelledby="gepa-strip-title">
      <header className="panel-header">
        <h2 className="panel-title" id="gepa-strip-title">
          GEPA
        </h2>
        <a className="gepa-strip-link" href="#/gepa">
          Full GEPA view →
        </a>
      </header>
      {gepa ? (
        <>
          <div className="gepa-strip-summary">
            <span className="gepa-strip-composite" data-testid="gepa-strip-composite">
              {composite === undefined ? '–' : composite.toFixed(3)}
            </span>
            <span className="panel-meta">
              composite · threshold {gepa.threshold}
              <br />
              <span data-testid="gepa-strip-traces">
                {gepa.timeline.length} {gepa.timeline.length === 1 ? 'trace' : 'traces'}
              </span>
            </span>
          </div>
          <Suspense fallback={<div className="gepa-strip-chart-placeholder" aria-hidden="true" />}>
            <ScoreChart
              timeline={gepa.timeline}
              threshold={gepa.threshold}
              variant="compact"
              lastTraces={stripTraceCount}
            />
          </Suspense>
          {components.length > 0 ? (
            <dl className="gepa-strip-candidates">
              {components.map(([component, prompt]) => (
                <div key={component}>
                  <dt>{component}</dt>
                  <dd>
                    <code title={prompt.candidateId}>{prompt.candidateId}</code>
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      ) : (
        <p className={error ? 'form-error' : 'empty-note'}>{error ?? 'Loading…'}</p>
      )}
    </section>
  );
}
