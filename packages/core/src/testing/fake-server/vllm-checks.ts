import type { FakeServerOptions } from './types';

/** What vLLM answers instead of a completion; `text` bodies are sent as text/plain. */
export interface VllmRejection {
  status: number;
  body: unknown;
}

/**
 * Keys vLLM's legacy `api_server` accepts in a `/generate` body: `prompt`, `stream` and the fields
 * of `SamplingParams` (it calls `SamplingParams(**body)`, so any other key is a TypeError that
 * FastAPI answers with a bare 500 "Internal Server Error"). Kept apart from the client's own list
 * (llm/openai-compatible/text-endpoint-params.ts) on purpose: the fake plays vLLM, so a key the
 * client sends and vLLM does not know is caught here rather than agreed with.
 */
const GENERATE_KEYS = new Set([
  'prompt',
  'stream',
  'n',
  'best_of',
  'presence_penalty',
  'frequency_penalty',
  'repetition_penalty',
  'temperature',
  'top_p',
  'top_k',
  'min_p',
  'seed',
  'stop',
  'stop_token_ids',
  'bad_words',
  'ignore_eos',
  'max_tokens',
  'min_tokens',
  'logprobs',
  'prompt_logprobs',
  'detokenize',
  'skip_special_tokens',
  'spaces_between_special_tokens',
  'include_stop_str_in_output',
  'logit_bias',
  'allowed_token_ids',
  'extra_args',
  'structured_outputs',
  'thinking_token_budget',
]);

const AUTO_TOOL_CHOICE_MESSAGE =
  '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set';

/** The request errors vLLM itself would send for this server configuration, checked before any scripted reply. */
export function vllmRejection(
  path: string,
  body: Record<string, unknown>,
  options: FakeServerOptions,
): VllmRejection | undefined {
  if (path === '/generate' || path === '/v1/generate') {
    const unknown = Object.keys(body).filter((key) => !GENERATE_KEYS.has(key));
    return unknown.length > 0 ? { status: 500, body: 'Internal Server Error' } : undefined;
  }
  const served = options.servedModelNames;
  if (served && !served.includes(String(body.model))) {
    return error(404, `The model \`${String(body.model)}\` does not exist.`, 'NotFoundError');
  }
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  const autoChoice = body.tool_choice === undefined || body.tool_choice === 'auto';
  if (path === '/v1/chat/completions' && options.autoToolChoice === false && tools && autoChoice) {
    return error(400, AUTO_TOOL_CHOICE_MESSAGE, 'BadRequestError');
  }
  return undefined;
}

function error(status: number, message: string, type: string): VllmRejection {
  return { status, body: { error: { message, type, param: null, code: status } } };
}
