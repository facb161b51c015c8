export { AIMEError } from './aime-error';
export { ConfigError } from './config-error';
export { formatZodIssues } from './format-zod-issues';
export { normalizeError } from './normalize-error';
