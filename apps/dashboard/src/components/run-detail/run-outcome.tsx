import type { RunState } from '../../state/run-state';
import { UsageTable, usageRows } from './usage-table';

/** The final answer (once there is one), the report's facts and token usage by role. */
export function RunOutcome({ run }: { run: RunState }) {
  const { report } = run;
  const goalVerdict = report?.verdict ?? run.goalVerdict;
  const rows = usageRows(run.usageByRole, report?.usage.byRole);
  return (
    <div className="outcome-grid">
      <section className="panel final-answer" aria-labelledby="final-answer-title">
        <h2 className="panel-title" id="final-answer-title">
          Final answer
        </h2>
        {report?.finalAnswer ? (
          <div className="final-answer-text" data-testid="final-answer">
            {report.finalAnswer}
          </div>
        ) : run.error ? (
          <p className="form-error">{run.error}</p>
        ) : (
          <p className="empty-note">
            {run.status === 'running' || run.status === 'queued'
              ? 'The run is still working…'
              : 'No answer was produced.'}
          </p>
        )}
        {run.error && report?.finalAnswer ? <p className="form-error">{run.error}</p> : null}
        {goalVerdict ? (
          <p className={`task-verdict task-verdict-${goalVerdict.verdict}`} data-testid="goal-verdict">
            <span className="task-label">
              Judge: {goalVerdict.verdict} {goalVerdict.score.toFixed(2)}
            </span>{' '}
            {goalVerdict.feedback}
          </p>
        ) : null}
      </section>
      <section className="panel report" aria-labelledby="report-title">
        <h2 className="panel-title" id="report-title">
          Report
        </h2>
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>{report?.status ?? run.status}</dd>
          </div>
          <div>
            <dt>Iterations</dt>
            <dd>{report?.iterations ?? run.iteration}</dd>
          </div>
          <div>
            <dt>Tasks</dt>
            <dd>
              {run.tasks.filter((task) => task.status === 'complete').length}/{run.tasks.length} complete
            </dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{report?.model ?? (run.model || '—')}</dd>
          </div>
        </dl>
        {report?.rationale || run.rationale ? (
          <p className="report-rationale">
            <span className="task-label">Planner</span> {report?.rationale || run.rationale}
          </p>
        ) : null}
        <h3 className="subsection-title">Token usage by role</h3>
        <UsageTable rows={rows} />
      </section>
    </div>
  );
}
