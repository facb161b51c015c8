import type { ChatRequest } from '../types';

/**
 * `extra_params` minus `endpoint` and the streaming switches (the client decides whether to
 * stream), with the request's temperature / maxTokens taking precedence.
 */
export function samplingParams(request: ChatRequest, extraParams: Record<string, unknown>): Record<string, unknown> {
  const { endpoint: _endpoint, stream: _stream, stream_options: _streamOptions, ...params } = extraParams;
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
  return params;
}
