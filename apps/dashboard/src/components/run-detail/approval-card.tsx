import { useState } from 'react';
import { answerApproval } from '../../api/runs-api';
import type { ApprovalView } from '../../state/run-state';

/** One open approval request: the tool, why it asks, the arguments (a diff for write_file), Approve / Deny. */
export function ApprovalCard({ runId, approval }: { runId: string; approval: ApprovalView }) {
  const { request } = approval;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function answer(decision: 'approve' | 'deny') {
    setBusy(true);
    setError(null);
    try {
      await answerApproval(runId, request.toolCallId, decision, note.trim() || undefined);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  }

  return (
    <section
      className="approval-card panel"
      aria-label={`Approval for ${request.tool}`}
      data-call-id={request.toolCallId}
    >
      <h2 className="approval-title">
        Approve <code>{request.tool}</code>
        {request.bundle ? (
          <>
            {' '}
            <span className="approval-bundle" title={`Tool of the MCP server "${request.bundle}"`}>
              MCP {request.bundle}
            </span>
          </>
        ) : null}
        ? <span className="approval-task">task {request.taskId}</span>
      </h2>
      <p className="approval-reason">{request.reason}</p>
      {request.diff ? (
        <pre className="approval-diff">
          {request.diff.split('\n').map((line, index) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity besides their position
              key={index}
              className={line.startsWith('+') ? 'diff-added' : line.startsWith('-') ? 'diff-removed' : undefined}
            >
              {`${line}\n`}
            </span>
          ))}
        </pre>
      ) : (
        <pre className="approval-args">{JSON.stringify(request.args, null, 2)}</pre>
      )}
      <div className="approval-actions">
        <input
          aria-label="Note for the model"
          placeholder="Note (optional, shown to the model)"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          disabled={busy}
        />
        <button type="button" className="button-primary" onClick={() => answer('approve')} disabled={busy}>
          Approve
        </button>
        <button type="button" className="button-danger" onClick={() => answer('deny')} disabled={busy}>
          Deny
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
    </section>
  );
}
