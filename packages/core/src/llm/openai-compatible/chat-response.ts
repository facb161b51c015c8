import { InvalidResponseError } from '../errors/index';
import type { ChatRequest, ChatResponse, ToolCall } from '../types';
import { buildResponse, type RawUsage, reasoningOf } from './build-response';

interface RawToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string | object };
}

/** Maps a (non-streaming) chat completion body to a ChatResponse, checking its shape. */
export function chatCompletionToResponse(body: unknown, request: ChatRequest, fallbackModel: string): ChatResponse {
  if (!body || typeof body !== 'object') {
    throw new InvalidResponseError(`Expected a chat completion object, got ${typeof body}`);
  }
  const record = body as { choices?: unknown; usage?: RawUsage; model?: unknown };
  const choice = Array.isArray(record.choices) ? record.choices[0] : undefined;
  if (!choice || typeof choice !== 'object' || !('message' in choice) || !choice.message) {
    throw new InvalidResponseError('The chat completion has no choices[0].message');
  }
  const message = choice.message as { content?: unknown; tool_calls?: RawToolCall[] };
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).flatMap((call, index) =>
    call.function?.name
      ? [
          {
            id: call.id || `call_${index + 1}`,
            type: 'function' as const,
            function: {
              name: call.function.name,
              arguments:
                typeof call.function.arguments === 'string'
                  ? call.function.arguments
                  : JSON.stringify(call.function.arguments ?? {}),
            },
          },
        ]
      : [],
  );
  return buildResponse(
    {
      content: typeof message.content === 'string' ? message.content : '',
      reasoning: reasoningOf(message),
      toolCalls,
      finishReason: (choice as { finish_reason?: string | null }).finish_reason,
      usage: record.usage,
      model: typeof record.model === 'string' && record.model ? record.model : fallbackModel,
    },
    request,
  );
}
