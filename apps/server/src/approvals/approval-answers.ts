import type { ApprovalDecisionValue } from '@gepa-aime/core';

/**
 * Where `POST /runs/:id/approvals/:callId` puts an operator's answer: the in-process broker (runs
 * this process executes) or, in the scale-out mode, PostgreSQL for the worker running the run.
 */
export interface ApprovalAnswers {
  /** Answers an open request; false when the run has no open request with this id. */
  resolve(
    runId: string,
    toolCallId: string,
    decision: ApprovalDecisionValue,
    note?: string,
  ): boolean | Promise<boolean>;
}
