import type { RunSummary } from '../../api/types';
import { isFinalStatus, type RunState } from '../../state/run-state';
import { Checklist } from '../checklist/checklist';
import { TuiView } from '../tui/tui-view';
import { ApprovalCard } from './approval-card';
import { RunHeader } from './run-header';
import { RunOutcome } from './run-outcome';

interface RunViewProps {
  run: RunState;
  summary?: RunSummary;
}

/** Everything about one run: header, checklist, terminal, answer and usage. */
export function RunView({ run, summary }: RunViewProps) {
  const hasEvents = run.lastSeq > 0;
  const status = hasEvents ? run.status : (summary?.status ?? run.status);
  return (
    <div className="run-view" data-run-id={run.runId} data-last-seq={run.lastSeq}>
      <RunHeader
        runId={run.runId}
        goal={run.goal || summary?.goal || ''}
        status={status}
        model={run.model}
        startedAt={run.startedAt ?? summary?.startedAt ?? undefined}
        endedAt={run.endedAt ?? summary?.endedAt ?? undefined}
      />
      {isFinalStatus(status)
        ? null
        : Object.values(run.approvals)
            .filter((approval) => !approval.resolved)
            .map((approval) => (
              <ApprovalCard key={approval.request.toolCallId} runId={run.runId} approval={approval} />
            ))}
      <div className="run-grid">
        <Checklist tasks={run.tasks} iteration={run.iteration} live={!isFinalStatus(status)} />
        <TuiView goal={run.goal} tasks={run.tasks} log={run.log} title={run.runId} live={!isFinalStatus(status)} />
      </div>
      <RunOutcome run={run} />
    </div>
  );
}
