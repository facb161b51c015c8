import { parseReactText } from '../../../actors/react-text';
import type { ChatRequest } from '../../types';
import { cleanTaskTitle } from './aime-task-terms';

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
  /** Workspace paths or URLs the earlier result is based on. */
  references: string[];
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
  /** The actor speaks the text protocol (Thought / Action / Action Input) instead of tool calls. */
  reactText: boolean;
}

/** An actor request: a `finish` tool is offered, or (react-text) the prompt describes the text protocol. */
export function isActorRequest(request: ChatRequest): boolean {
  if ((request.tools ?? []).some((tool) => tool.function.name === 'finish')) return true;
  if ((request.tools ?? []).length > 0) return false;
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const task = request.messages.find((message) => message.role === 'user')?.content ?? '';
  return /Action Input/.test(system) && /^- finish:/m.test(system) && /^Subtask \[/.test(task);
}

/** Parses the actor's system prompt (knowledge lines), task message and the tool calls/observations so far. */
export function readActorConversation(request: ChatRequest): ActorConversation {
  const system = request.messages.find((message) => message.role === 'system')?.content ?? '';
  const task = request.messages.find((message) => message.role === 'user')?.content ?? '';
  const header = /Subtask \[([^\]]+)\]:\s*(.+)/.exec(task);
  const conversation: ActorConversation = {
    taskId: header?.[1] ?? '',
    title: cleanTaskTitle(header?.[2]?.trim() ?? task.trim()),
    criteria: /Completion criteria:\s*(.+)/.exec(task)?.[1]?.trim() ?? '',
    goal: /Overall goal \(for context\):\s*(.+)/.exec(task)?.[1]?.trim() ?? '',
    knowledge: [],
    calls: [],
    tools: (request.tools ?? []).map((tool) => tool.function.name),
    reactText: (request.tools ?? []).length === 0,
  };
  if (conversation.reactText) {
    conversation.tools = [...system.matchAll(/^- ([\w-]+): .*\n\s+Action Input schema:/gm)].map(
      (match) => match[1] ?? '',
    );
    readTextProtocolCalls(request, conversation);
    return readKnowledge(system, conversation);
  }
  readKnowledge(system, conversation);
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
        ok: isOk(output),
      });
    }
  }
  return conversation;
}

function readKnowledge(system: string, conversation: ActorConversation): ActorConversation {
  for (const match of system.matchAll(/^- \[([^\]]+)\] (.+?): (.*)$/gm)) {
    conversation.knowledge.push({
      id: match[1] ?? '',
      title: match[2] ?? '',
      summary: (match[3] ?? '').replace(/ \(references: [^)]*\)$/, ''),
      references: (/ \(references: ([^)]*)\)$/.exec(match[3] ?? '')?.[1] ?? '').split(', ').filter(Boolean),
    });
  }
  return conversation;
}

/** Text protocol: each assistant reply's Action + the following "Observation: …" user message. */
function readTextProtocolCalls(request: ChatRequest, conversation: ActorConversation): void {
  const messages = request.messages;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index];
    if (message?.role !== 'assistant' || !message.content) continue;
    const step = parseReactText(message.content);
    if (!step.action) continue;
    const next = messages[index + 1];
    const output = next?.role === 'user' ? next.content.replace(/^Observation:\s*/, '') : '';
    conversation.calls.push({ name: step.action, args: parseObject(step.input), output, ok: isOk(output) });
  }
}

function isOk(output: string): boolean {
  return !/^Error:/.test(output) && !/^Loop detected/.test(output);
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
