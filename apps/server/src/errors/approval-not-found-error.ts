import { AIMEError } from '@gepa-aime/core';

/** The run has no open approval request with this tool call id (HTTP 404). */
export class ApprovalNotFoundError extends AIMEError {
  readonly statusCode = 404;

  constructor(runId: string, toolCallId: string) {
    super('approval_not_found', `run ${runId} has no open approval request ${toolCallId}`, { isUserError: true });
  }
}
