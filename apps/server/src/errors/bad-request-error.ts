import { AIMEError } from '@gepa-aime/core';

export interface FieldProblem {
  /** Where, as `body.goal`, `params.id`, … */
  path: string;
  message: string;
}

/** A request the service refuses before validation (HTTP 400), e.g. a body it will not parse. */
export class BadRequestError extends AIMEError {
  readonly statusCode = 400;
  readonly fields: FieldProblem[] | undefined;

  constructor(message: string, fields?: FieldProblem[]) {
    super('bad_request', message, { isUserError: true });
    this.fields = fields;
  }
}
