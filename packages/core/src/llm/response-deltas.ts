import type { ChatDelta, ChatResponse } from './types';

/** A whole response as a stream: reasoning, content, each tool call in one delta, then `finish`. */
export function* responseDeltas(response: ChatResponse): Iterable<ChatDelta> {
  if (response.reasoning) yield { type: 'reasoning', text: response.reasoning };
  if (response.content) yield { type: 'content', text: response.content };
  for (const [index, call] of response.toolCalls.entries()) {
    yield { type: 'tool-call', index, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments };
  }
  yield { type: 'finish', response };
}
