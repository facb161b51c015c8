import type { ChatRequest } from '../types';
import type { EndpointKind } from './endpoints';

/**
 * Parameters only chat completions understand (templating, tools, reasoning). vLLM's
 * `/v1/completions` ignores them with a warning, so they are not sent there.
 */
const CHAT_ONLY_PARAMS = new Set([
  'messages',
  'chat_template',
  'chat_template_kwargs',
  'add_generation_prompt',
  'continue_final_message',
  'documents',
  'mm_processor_kwargs',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning_effort',
  'include_reasoning',
]);

/**
 * What vLLM's legacy `api_server` accepts besides `prompt`: it calls `SamplingParams(**body)`, so
 * any other key is a TypeError answered with a bare 500. Only these sampling fields are sent.
 */
const GENERATE_PARAMS = new Set([
  'n',
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
  'skip_special_tokens',
  'spaces_between_special_tokens',
  'include_stop_str_in_output',
  'logit_bias',
  'allowed_token_ids',
]);

/**
 * `extra_params` for one endpoint: without `endpoint` and the streaming switches (the client decides
 * whether to stream), with the request's temperature / maxTokens taking precedence. Chat
 * completions get everything else; `/v1/completions` all but the chat-only parameters; the legacy
 * `/generate` only `SamplingParams` fields.
 */
export function samplingParams(
  request: ChatRequest,
  extraParams: Record<string, unknown>,
  kind: EndpointKind,
): Record<string, unknown> {
  const { endpoint: _endpoint, stream: _stream, stream_options: _streamOptions, ...configured } = extraParams;
  const params = Object.fromEntries(Object.entries(configured).filter(([key]) => acceptedBy(kind, key)));
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
  return params;
}

function acceptedBy(kind: EndpointKind, key: string): boolean {
  if (kind === 'completions') return !CHAT_ONLY_PARAMS.has(key);
  if (kind === 'generate') return GENERATE_PARAMS.has(key);
  return true;
}
