import type { ChatMessage, TokenUsage, ToolCall } from './types';

/** Rough token count (4 characters per token), used when a server reports no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateUsage(messages: ChatMessage[], content: string, toolCalls: ToolCall[] = []): TokenUsage {
  const promptTokens = estimateTokens(messages.map(promptLine).join('\n'));
  const completionTokens = estimateTokens(
    content + toolCalls.map((call) => call.function.name + call.function.arguments).join(''),
  );
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}

/** How one message counts towards the prompt estimate (the lines are joined with newlines). */
export function promptLine(message: ChatMessage): string {
  return `${message.role}: ${message.content ?? ''}${toolCallText(message)}`;
}

function toolCallText(message: ChatMessage): string {
  if (message.role !== 'assistant' || !message.tool_calls) return '';
  return message.tool_calls.map((call) => ` ${call.function.name}(${call.function.arguments})`).join('');
}
