import type { GEPACandidate } from '../../api/types';

function formatScore(score: number | null): string {
  return score === null || Number.isNaN(score) ? '—' : score.toFixed(3);
}

/** Every candidate prompt with its lineage, score and how often it has been used. */
export function CandidatesTable({
  candidates,
  current,
}: {
  candidates: readonly GEPACandidate[];
  current: ReadonlySet<string>;
}) {
  if (candidates.length === 0) return <p className="empty-note">No candidates yet.</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a horizontally scrolling region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label="Candidates">
      <table className="data-table candidates-table">
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Component</th>
            <th scope="col">Parent</th>
            <th scope="col" className="numeric">
              Score
            </th>
            <th scope="col" className="numeric">
              Uses
            </th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((candidate) => (
            <tr key={candidate.id} className={current.has(candidate.id) ? 'row-current' : undefined}>
              <th scope="row">
                <code>{candidate.id}</code>
                {current.has(candidate.id) ? <span className="chip chip-accent">current</span> : null}
              </th>
              <td>{candidate.component}</td>
              <td>
                {candidate.parents.length ? candidate.parents.map((parent) => <code key={parent}>{parent}</code>) : '—'}
              </td>
              <td className="numeric">{formatScore(candidate.score)}</td>
              <td className="numeric">{candidate.uses}</td>
              <td>{candidate.decision ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
