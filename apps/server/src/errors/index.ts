export { RunNotFoundError } from './run-not-found-error';
export { ServiceUnavailableError } from './service-unavailable-error';
export { UnauthorizedError } from './unauthorized-error';
