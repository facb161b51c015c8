import { AIMEError } from '@gepa-aime/core';
import { MAX_RUN_ID_LENGTH } from '../runs/run-store';

/** A run id in the path longer than any run id can be (HTTP 414). */
export class UriTooLongError extends AIMEError {
  readonly statusCode = 414;

  constructor() {
    super(
      'uri_too_long',
      `params: a path parameter is longer than ${MAX_RUN_ID_LENGTH} characters (a run id has at most ${MAX_RUN_ID_LENGTH})`,
      { isUserError: true },
    );
  }
}
