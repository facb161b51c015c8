import type { ChatRequest } from '../types';

/**
 * Renders chat messages as one plain-text prompt for the text endpoints (`/v1/completions`,
 * `/generate`), which have no chat template of their own. Tools and a response schema are
 * described in the prompt; tool calls come back as `<tool_call>{…}</tool_call>` text, which the
 * client recovers.
 */
export function renderPrompt(request: ChatRequest): string {
  const parts: string[] = [];
  const instructions: string[] = [];
  if (request.tools?.length) {
    const names = request.tools.map((tool) => JSON.stringify(tool.function)).join('\n');
    instructions.push(
      `You can call these tools:\n${names}\nTo call one, answer with <tool_call>{"name": "<tool name>", "arguments": {…}}</tool_call>.`,
    );
    const choice = request.toolChoice;
    if (choice === 'required') instructions.push('You must call a tool.');
    if (typeof choice === 'object') instructions.push(`You must call the tool ${choice.function.name}.`);
  }
  if (request.responseSchema) {
    instructions.push(
      `Answer only with JSON matching this JSON Schema:\n${JSON.stringify(request.responseSchema.schema)}`,
    );
  }
  for (const message of request.messages) {
    if (message.role === 'system') parts.push(`System: ${message.content}`);
    else if (message.role === 'user') parts.push(`User: ${message.content}`);
    else if (message.role === 'tool') parts.push(`Tool result (${message.tool_call_id}): ${message.content}`);
    else {
      const calls = (message.tool_calls ?? [])
        .map(
          (call) =>
            `<tool_call>{"name": ${JSON.stringify(call.function.name)}, "arguments": ${call.function.arguments}}</tool_call>`,
        )
        .join('');
      parts.push(`Assistant: ${message.content ?? ''}${calls}`);
    }
  }
  if (instructions.length > 0) parts.unshift(`System: ${instructions.join('\n')}`);
  parts.push('Assistant:');
  return parts.join('\n\n');
}
