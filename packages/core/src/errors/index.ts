export { AimeError } from './aime-error';
export { ConfigError } from './config-error';
export { normalizeError } from './normalize-error';
