import { AIMEError } from '@gepa-aime/core';

/** No run with this id exists (HTTP 404). */
export class RunNotFoundError extends AIMEError {
  readonly statusCode = 404;
  readonly runId: string;

  constructor(runId: string) {
    super('run_not_found', `run not found: ${runId}`, { isUserError: true });
    this.runId = runId;
  }
}
