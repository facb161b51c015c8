import {
  BadRequestError,
  ContextLengthExceededError,
  InvalidResponseError,
  ModelAbortedError,
  ModelConnectionError,
  ModelError,
  ModelNotFoundError,
  ModelServerError,
  ModelTimeoutError,
  RateLimitedError,
  ResponseFormatUnsupportedError,
  ToolChoiceUnsupportedError,
  UnauthorizedError,
} from '../errors/index';
import { connectionFailureMessage } from './connection-failure';

export interface ErrorBody {
  message: string;
  type?: string;
  code?: string;
}

const CONTEXT_LENGTH =
  /context[ _-]?length|context window|maximum model length|max_model_len|too many tokens|prompt is too long|maximum context|input is too long|exceeds the model/i;
/** vLLM without `--enable-auto-tool-choice --tool-call-parser`, or a server without tool calling. */
const TOOL_CHOICE_UNSUPPORTED =
  /enable-auto-tool-choice|tool[ _]choice\b.*\b(requires|not supported|unsupported)|(does not|doesn't) support tools|tools? (are|is) not supported/i;
/** A server (or model) without structured output, or a guided-decoding backend that cannot take the schema. */
const RESPONSE_FORMAT_UNSUPPORTED =
  /(response_format|json_schema|json schema|structured output|guided decoding)\b.*\b(not supported|unsupported|does not support|input should be)/is;

const TOOL_CHOICE_HINT =
  'Start vLLM with --enable-auto-tool-choice --tool-call-parser <parser> (hermes for Qwen and Hermes models, ' +
  'llama3_json for Llama 3, mistral for Mistral), or set tool_protocol: react-text in model_config.yaml.';
const RESPONSE_FORMAT_HINT =
  'The planner needs structured output (response_format json_schema): use a server and model that support it ' +
  '(vLLM does, with its structured-output backend).';
const MODEL_NOT_FOUND_HINT =
  'Set model in model_config.yaml (or AIME_MODEL) to an id that GET <api_base>/models lists, and check api_base ' +
  'and extra_params.endpoint.';
const UNAUTHORIZED_HINT = "Check api_key / api_key_env (or AIME_API_KEY) against the server's --api-key.";

/** A 5xx that blames the request (a server raising on a parameter it does not know): resending cannot help. */
const INVALID_REQUEST =
  /unexpected keyword argument|validation error|invalid (request|parameter|argument)|unsupported (parameter|argument)|BadRequest/i;
const MODEL_NOT_FOUND = /model\b.*\b(does not exist|not found|not exist|unknown)|model_not_found|no such model/i;

/**
 * Reads the error bodies OpenAI-compatible servers send: nested `{"error":{"message","type","code"}}`
 * (OpenAI, recent vLLM), flat `{"object":"error","message","type","code"}` (older vLLM) and
 * `{"detail": …}` (FastAPI). Anything else becomes the trimmed text itself.
 */
export function parseErrorBody(text: string): ErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: text.trim().slice(0, 500) };
  }
  if (!body || typeof body !== 'object') return { message: String(body) };
  const record = body as Record<string, unknown>;
  const nested = record.error;
  if (nested && typeof nested === 'object') return fields(nested as Record<string, unknown>);
  if (typeof nested === 'string') return { message: nested, ...optionalFields(record) };
  if (typeof record.message === 'string') return fields(record);
  if (record.detail !== undefined) return { message: detailMessage(record.detail) };
  return { message: text.trim().slice(0, 500) };
}

function fields(record: Record<string, unknown>): ErrorBody {
  const message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message ?? record);
  return { message, ...optionalFields(record) };
}

function optionalFields(record: Record<string, unknown>): Partial<ErrorBody> {
  const result: Partial<ErrorBody> = {};
  if (typeof record.type === 'string') result.type = record.type;
  if (typeof record.code === 'string' || typeof record.code === 'number') result.code = String(record.code);
  return result;
}

function detailMessage(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((entry) =>
        entry && typeof entry === 'object' && 'msg' in entry ? String((entry as { msg: unknown }).msg) : String(entry),
      )
      .join('; ');
  }
  if (detail && typeof detail === 'object' && 'message' in detail) return String(detail.message);
  return JSON.stringify(detail);
}

/** Retry-After as seconds or an HTTP date (plus the non-standard `retry-after-ms`), in milliseconds. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds && Number.isFinite(Number(milliseconds))) return Math.max(0, Number(milliseconds));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP error response (status, body text, headers) to the typed model error. */
export function errorFromResponse(status: number, bodyText: string, headers: Headers, url: string): ModelError {
  const body = parseErrorBody(bodyText);
  const kind = `${body.type ?? ''} ${body.code ?? ''}`;
  const detail = body.message || `HTTP ${status}`;
  const message = `${detail} (HTTP ${status} from ${url})`;
  const options = { status };
  const advised = (hint: string) => `${message} ${hint}`;
  if (status === 401 || status === 403 || /authentication|unauthori[sz]ed|invalid_api_key/i.test(kind)) {
    return new UnauthorizedError(advised(UNAUTHORIZED_HINT), options);
  }
  if (status === 429) return new RateLimitedError(message, { ...options, retryAfterMs: parseRetryAfter(headers) });
  if (/context_length_exceeded/i.test(kind) || (status < 500 && CONTEXT_LENGTH.test(detail))) {
    return new ContextLengthExceededError(message, options);
  }
  if (status < 500 && TOOL_CHOICE_UNSUPPORTED.test(detail)) {
    return new ToolChoiceUnsupportedError(advised(TOOL_CHOICE_HINT), options);
  }
  if (status < 500 && RESPONSE_FORMAT_UNSUPPORTED.test(detail)) {
    return new ResponseFormatUnsupportedError(advised(RESPONSE_FORMAT_HINT), options);
  }
  if (/model_not_found/i.test(kind) || status === 404 || (status < 500 && MODEL_NOT_FOUND.test(detail))) {
    return new ModelNotFoundError(advised(MODEL_NOT_FOUND_HINT), options);
  }
  if (status === 408) return new ModelTimeoutError(message, options);
  if (status >= 500 && !INVALID_REQUEST.test(`${kind} ${detail}`)) return new ModelServerError(message, options);
  return new BadRequestError(message, options);
}

const CONNECTION_CODES = /^(ECONNRESET|ECONNREFUSED|ENOTFOUND|EPIPE|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|UND_ERR_\w+)$/;

/**
 * Normalises anything the SDK or fetch threw into a ModelError (the request scope decides abort vs
 * timeout first). `url`, when known, is named in connection errors.
 */
export function normalizeModelError(error: unknown, url?: string): ModelError {
  if (error instanceof ModelError) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof ModelError) return cause;
  if (!(error instanceof Error)) return new InvalidResponseError(String(error));
  const name = error.constructor.name;
  if (name === 'APIUserAbortError' || error.name === 'AbortError') {
    return new ModelAbortedError('The model request was cancelled', { cause: error });
  }
  if (name === 'APIConnectionTimeoutError') return new ModelTimeoutError(error.message, { cause: error });
  const apiError = error as { status?: unknown; error?: unknown; headers?: unknown };
  const embedded =
    apiError.error && typeof apiError.error === 'object' ? (apiError.error as { code?: unknown }) : undefined;
  if (typeof apiError.status === 'number' || embedded) {
    // An HTTP status, or an error event inside a stream (vLLM puts the status in `code`).
    const status =
      typeof apiError.status === 'number'
        ? apiError.status
        : Number(embedded?.code) >= 400
          ? Number(embedded?.code)
          : 500;
    const body = JSON.stringify({ error: embedded ?? { message: error.message } });
    const headers = apiError.headers instanceof Headers ? apiError.headers : new Headers();
    return errorFromResponse(status, body, headers, 'the model server');
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError(`The model server sent malformed JSON: ${error.message}`, { cause: error });
  }
  if (name === 'APIConnectionError' || isConnectionFailure(error)) {
    return new ModelConnectionError(connectionFailureMessage(error, url), { cause: error });
  }
  return new InvalidResponseError(error.message, { cause: error });
}

function isConnectionFailure(error: Error): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.test(code)) return true;
    if (/fetch failed|\bterminated\b|socket|other side closed|network/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
