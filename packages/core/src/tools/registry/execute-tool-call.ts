import type { z } from 'zod';
import { AIMEError } from '../../errors/aime-error';
import { formatZodIssues } from '../../errors/format-zod-issues';
import type { AnyTool, ToolContext } from '../types';

export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;
/** Observations longer than this are cut (the model's context is the scarce resource). */
export const MAX_OBSERVATION_CHARS = 300_000;

export interface ToolCallOutcome {
  ok: boolean;
  /** What the model sees: the tool's output, or the error explained. */
  output: string;
  /** Set when ok is false: a clear message for the model (also in `output`). */
  error?: string;
  /** Stable code of the failure: invalid_json, invalid_arguments, timeout, cancelled, or the tool's error code. */
  errorCode?: string;
  references: string[];
  ms: number;
  /** The parsed arguments when they were valid JSON. */
  args?: unknown;
}

export interface ExecuteToolCallOptions {
  timeoutMs?: number;
}

/**
 * Runs one tool call and never throws for tool faults: invalid JSON, arguments that fail the zod
 * schema (the message names the field), errors, a timeout (the tool's signal is aborted) and
 * cancellation of the run (status `cancelled`) all come back as `ok: false` observations.
 */
export async function executeToolCall(
  tool: AnyTool,
  rawArguments: string | unknown,
  context: ToolContext,
  options: ExecuteToolCallOptions = {},
): Promise<ToolCallOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  const failure = (errorCode: string, message: string, args?: unknown): ToolCallOutcome => {
    const outcome: ToolCallOutcome = {
      ok: false,
      output: message,
      error: message,
      errorCode,
      references: [],
      ms: elapsed(),
    };
    if (args !== undefined) outcome.args = args;
    return outcome;
  };

  let args: unknown = rawArguments;
  if (typeof rawArguments === 'string') {
    const text = rawArguments.trim();
    try {
      args = text === '' ? {} : JSON.parse(text);
    } catch (error) {
      return failure(
        'invalid_json',
        `The arguments for ${tool.name} are not valid JSON (${(error as Error).message}). ` +
          'Send a JSON object matching the tool parameters.',
      );
    }
  }
  if (args === null || args === undefined) args = {};
  const parsed = (tool.parameters as z.ZodType).safeParse(args);
  if (!parsed.success) {
    const problems = formatZodIssues(parsed.error, '(arguments)');
    return failure('invalid_arguments', `Invalid arguments for ${tool.name}: ${problems}`, args);
  }
  if (context.signal.aborted) return failure('cancelled', `${tool.name} was not run: the run was cancelled`, args);

  const timeoutMs = options.timeoutMs ?? tool.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const controller = new AbortController();
  const onRunAbort = (): void => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', onRunAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`${tool.name} timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const stopped = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  stopped.catch(() => undefined);
  try {
    const result = await Promise.race([tool.execute(parsed.data, { ...context, signal: controller.signal }), stopped]);
    const output = typeof result?.output === 'string' ? result.output : String(result?.output ?? '');
    return {
      ok: true,
      output: clip(output),
      references: Array.isArray(result?.references) ? result.references.filter((item) => typeof item === 'string') : [],
      ms: elapsed(),
      args: parsed.data,
    };
  } catch (error) {
    if (timedOut) return failure('timeout', `${tool.name} timed out after ${timeoutMs} ms`, parsed.data);
    if (context.signal.aborted)
      return failure('cancelled', `${tool.name} was cancelled: the run was cancelled`, parsed.data);
    if (error instanceof AIMEError)
      return failure(error.code, `${tool.name} failed (${error.code}): ${error.message}`, parsed.data);
    const message = error instanceof Error ? error.message : String(error);
    // System errors name absolute paths; the model only knows workspace-relative ones.
    const relativeMessage = message.split(`${context.workspaceRoot}/`).join('').split(context.workspaceRoot).join('.');
    return failure(errorCodeOf(error), `${tool.name} failed: ${relativeMessage}`, parsed.data);
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', onRunAbort);
  }
}

function clip(output: string): string {
  if (output.length <= MAX_OBSERVATION_CHARS) return output;
  return `${output.slice(0, MAX_OBSERVATION_CHARS)}\n[output cut at ${MAX_OBSERVATION_CHARS} characters]`;
}

function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'tool_error';
}
