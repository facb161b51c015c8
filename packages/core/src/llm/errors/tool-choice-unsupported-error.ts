import { ModelError, type ModelErrorOptions } from './model-error';

/**
 * The server refuses requests that offer tools with `tool_choice: "auto"` — vLLM started without
 * `--enable-auto-tool-choice --tool-call-parser`. Every actor request would fail the same way.
 */
export class ToolChoiceUnsupportedError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('tool_choice_unsupported', message, { ...options, retryable: false, isUserError: true });
  }
}
