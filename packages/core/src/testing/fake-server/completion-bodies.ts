import type { FakeAnswer, FakeUsage } from './types';

let idCounter = 0;

export function nextId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function toolCallsOf(answer: FakeAnswer) {
  return (answer.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_fake_${index + 1}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
    },
  }));
}

export function finishReasonOf(answer: FakeAnswer): string {
  return answer.finishReason ?? ((answer.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop');
}

/** Usage to report: the answer's own, none when it says `null`, else counted as characters / 4. */
export function usageOf(answer: FakeAnswer, requestBody: unknown): FakeUsage | undefined {
  if (answer.usage === null) return undefined;
  if (answer.usage)
    return {
      ...answer.usage,
      total_tokens: answer.usage.total_tokens ?? answer.usage.prompt_tokens + answer.usage.completion_tokens,
    };
  const prompt_tokens = Math.ceil(JSON.stringify(requestBody ?? '').length / 4);
  const completion_tokens = Math.ceil(
    ((answer.content ?? '').length + JSON.stringify(answer.toolCalls ?? []).length) / 4,
  );
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export function chatCompletionBody(answer: FakeAnswer, model: string, requestBody: unknown) {
  const toolCalls = toolCallsOf(answer);
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: answer.content ?? (toolCalls.length ? null : ''),
  };
  if (answer.reasoning) message[answer.reasoningField ?? 'reasoning_content'] = answer.reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const body: Record<string, unknown> = {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finishReasonOf(answer) }],
  };
  const usage = usageOf(answer, requestBody);
  if (usage) body.usage = usage;
  return body;
}

export function textCompletionBody(answer: FakeAnswer, model: string, requestBody: unknown) {
  const body: Record<string, unknown> = {
    id: nextId('cmpl'),
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, text: answer.content ?? '', finish_reason: answer.finishReason ?? 'stop' }],
  };
  const usage = usageOf(answer, requestBody);
  if (usage) body.usage = usage;
  return body;
}
