import type { ChatRequest } from '../../types';

/** One tool call the actor made and what it observed. */
export interface ObservedCall {
  name: string;
  args: Record<string, unknown>;
  output: string;
  ok: boolean;
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  summary: string;
}

/** What the offline actor skill reads from an actor request. */
export interface ActorConversation {
  taskId: string;
  title: string;
  criteria: string;
  goal: string;
  knowledge: KnowledgeEntry[];
  calls: ObservedCall[];
  tools: string[];
}

/** Parses the actor's system prompt (knowledge lines), task message and the tool calls/observations so far. */
export function readActorConversation(request: ChatRequest): ActorConversation {
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const task = request.messages.find((message) => message.role === 'user')?.content ?? '';
  const header = /Subtask \[([^\]]+)\]:\s*(.+)/.exec(task);
  const conversation: ActorConversation = {
    taskId: header?.[1] ?? '',
    title: header?.[2]?.trim() ?? task.trim(),
    criteria: /Completion criteria:\s*(.+)/.exec(task)?.[1]?.trim() ?? '',
    goal: /Overall goal \(for context\):\s*(.+)/.exec(task)?.[1]?.trim() ?? '',
    knowledge: [],
    calls: [],
    tools: (request.tools ?? []).map((tool) => tool.function.name),
  };
  for (const match of system.matchAll(/^- \[([^\]]+)\] (.+?): (.*)$/gm)) {
    conversation.knowledge.push({
      id: match[1] ?? '',
      title: match[2] ?? '',
      summary: (match[3] ?? '').replace(/ \(references: [^)]*\)$/, ''),
    });
  }
  const outputs = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role === 'tool') outputs.set(message.tool_call_id, message.content);
  }
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) {
      const output = outputs.get(call.id) ?? '';
      conversation.calls.push({
        name: call.function.name,
        args: parseObject(call.function.arguments),
        output,
        ok: !/^Error:/.test(output) && !/^Loop detected/.test(output),
      });
    }
  }
  return conversation;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
