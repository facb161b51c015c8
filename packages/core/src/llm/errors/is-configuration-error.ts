import type { ModelError } from './model-error';
import { ModelNotFoundError } from './model-not-found-error';
import { ResponseFormatUnsupportedError } from './response-format-unsupported-error';
import { ToolChoiceUnsupportedError } from './tool-choice-unsupported-error';
import { UnauthorizedError } from './unauthorized-error';

/**
 * Errors that come from how the model server or this client is configured, not from one request:
 * unknown model (or endpoint), rejected API key, no tool-call parser, no structured output. Every
 * further request would fail the same way, so a run stops at the first one.
 */
export function isConfigurationError(error: unknown): error is ModelError {
  return (
    error instanceof ModelNotFoundError ||
    error instanceof UnauthorizedError ||
    error instanceof ToolChoiceUnsupportedError ||
    error instanceof ResponseFormatUnsupportedError
  );
}
