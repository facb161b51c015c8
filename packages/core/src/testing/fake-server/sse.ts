import { finishReasonOf, nextId, toolCallsOf, usageOf } from './completion-bodies';
import type { FakeAnswer } from './types';

/**
 * The SSE events of a streamed chat completion, as vLLM sends them: a role chunk, reasoning
 * pieces, content pieces, each tool call as a header chunk (id + name) followed by argument
 * pieces, a finish chunk, a usage chunk (when `stream_options.include_usage`), then `[DONE]`.
 */
export function chatCompletionEvents(
  answer: FakeAnswer,
  model: string,
  requestBody: Record<string, unknown>,
): string[] {
  const id = nextId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const size = Math.max(1, answer.chunkSize ?? 6);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    event({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
  const events = [chunk({ role: 'assistant', content: '' })];
  const reasoningField = answer.reasoningField ?? 'reasoning_content';
  for (const piece of split(answer.reasoning ?? '', size)) events.push(chunk({ [reasoningField]: piece }));
  for (const piece of split(answer.content ?? '', size)) events.push(chunk({ content: piece }));
  for (const [index, call] of toolCallsOf(answer).entries()) {
    events.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
      }),
    );
    for (const piece of split(call.function.arguments, size)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  }
  events.push(chunk({}, finishReasonOf(answer)));
  const streamOptions = requestBody.stream_options as { include_usage?: boolean } | undefined;
  const usage = usageOf(answer, requestBody);
  if (streamOptions?.include_usage && usage) {
    events.push(event({ id, object: 'chat.completion.chunk', created, model, choices: [], usage }));
  }
  events.push('data: [DONE]\n\n');
  return events;
}

export function event(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function split(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}
