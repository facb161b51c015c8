import type { ChatRequest } from '../types';
import { samplingParams } from './text-endpoint-params';

/**
 * The `/v1/chat/completions` body: `extra_params` (minus `endpoint`) pass through untouched —
 * temperature, top_p, max_tokens, chat_template_kwargs or anything the server understands — then
 * the request's own fields. Structured output uses `response_format: json_schema` (strict).
 */
export function chatRequestBody(
  request: ChatRequest,
  model: string,
  extraParams: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...samplingParams(request, extraParams, 'chat'),
    model,
    messages: request.messages,
  };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools;
    if (request.toolChoice) body.tool_choice = request.toolChoice;
  }
  if (request.responseSchema) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true },
    };
  }
  return body;
}
