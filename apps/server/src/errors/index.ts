export { ApprovalNotFoundError } from './approval-not-found-error';
export { BadRequestError, type FieldProblem } from './bad-request-error';
export { RunNotFoundError } from './run-not-found-error';
export { ServiceUnavailableError } from './service-unavailable-error';
export { TracesLockedError } from './traces-locked-error';
export { UnauthorizedError } from './unauthorized-error';
export { UnsupportedEncodingError } from './unsupported-encoding-error';
export { UpgradeRequiredError } from './upgrade-required-error';
export { UriTooLongError } from './uri-too-long-error';
