import type { GEPAOverview } from '../../api/types';
import { CandidatesTable } from './candidates-table';
import { PromptDiff } from './prompt-diff';
import { ScoreChart } from './score-chart';

interface GEPAPanelProps {
  gepa?: GEPAOverview;
  error?: string;
}

/** The online optimizer: score timeline, candidates and the prompts in use. */
export function GEPAPanel({ gepa, error }: GEPAPanelProps) {
  if (!gepa) {
    return (
      <section className="panel" aria-label="GEPA optimizer">
        <h1 className="panel-title">GEPA optimizer</h1>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="empty-note">Loading…</p>
        )}
      </section>
    );
  }
  const byId = new Map(gepa.candidates.map((candidate) => [candidate.id, candidate]));
  const currentEntries = Object.entries(gepa.current);
  const currentIds = new Set(currentEntries.map(([, prompt]) => prompt.candidateId));
  const latest = gepa.timeline.at(-1);
  return (
    <div className="gepa">
      <section className="panel" aria-labelledby="gepa-chart-title">
        <header className="panel-header">
          <h1 className="panel-title" id="gepa-chart-title">
            Composite score
          </h1>
          <span className="panel-meta">
            {gepa.timeline.length} traces
            {latest ? ` · latest ${latest.composite.toFixed(3)}` : ''} · threshold {gepa.threshold}
          </span>
        </header>
        <ScoreChart timeline={gepa.timeline} threshold={gepa.threshold} />
      </section>
      <section className="panel" aria-labelledby="gepa-candidates-title">
        <header className="panel-header">
          <h2 className="panel-title" id="gepa-candidates-title">
            Candidates
          </h2>
          <span className="panel-meta">{gepa.candidates.length} in the pool</span>
        </header>
        <CandidatesTable candidates={gepa.candidates} current={currentIds} />
      </section>
      <section className="panel" aria-labelledby="gepa-prompts-title">
        <h2 className="panel-title" id="gepa-prompts-title">
          Current prompts
        </h2>
        {currentEntries.length === 0 ? <p className="empty-note">No prompts recorded yet.</p> : null}
        <div className="prompt-grid">
          {currentEntries.map(([component, prompt]) => {
            const parentId = byId.get(prompt.candidateId)?.parents[0];
            return (
              <PromptDiff
                key={component}
                component={component}
                candidateId={prompt.candidateId}
                prompt={prompt.prompt}
                parent={parentId ? byId.get(parentId) : undefined}
              />
            );
          })}
        </div>
      </section>
    </div>
  );
}
