import type { ChatMessage, ToolDefinition } from '../llm/types';
import { RequestTokenEstimate } from './context-budget';
import { elideArguments, elideContent, elideObservation, type ObservationSource } from './elide-observation';
import { parseReactText } from './react-text';

export interface CompactionOptions {
  /** Tokens the request (messages and tool definitions) may take. */
  budgetTokens: number;
  /** The last steps (assistant message and its observations) left intact while the rest can shrink. */
  keepRecentSteps: number;
  tools?: ToolDefinition[];
}

/** One ReAct step: the assistant message and the observation messages after it. */
interface HistoryStep {
  assistant: number;
  observations: number[];
}

/** Characters a recent observation keeps at least when it has to be cut to fit. */
const MIN_RECENT_OBSERVATION_CHARS = 1_000;
const OBSERVATION_PREFIX = 'Observation: ';

/**
 * Fits an actor conversation into a token budget, deterministically and without dropping messages
 * (so every tool message still follows the assistant message with its tool call): the system
 * prompt and the task message stay as they are; observations (and very long tool arguments) of
 * older steps are replaced by a short elided form, oldest first, until the estimate fits; only if
 * the recent steps alone are too big are their longest observations cut, keeping their start.
 */
export function compactHistory(messages: ChatMessage[], options: CompactionOptions): ChatMessage[] {
  const compacted = messages.map((message) => ({ ...message }));
  const estimate = new RequestTokenEstimate(compacted, options.tools);
  const fits = () => estimate.tokens <= options.budgetTokens;
  if (fits()) return compacted;
  const steps = historySteps(compacted);
  const olderCount = Math.max(0, steps.length - options.keepRecentSteps);
  for (const step of steps.slice(0, olderCount)) {
    elideStep(compacted, step);
    estimate.refresh([step.assistant, ...step.observations]);
    if (fits()) return compacted;
  }
  const recent = steps.slice(olderCount).flatMap((step) => step.observations);
  const longestFirst = [...recent].sort(
    (left, right) => contentLength(compacted[right]) - contentLength(compacted[left]) || left - right,
  );
  for (const index of longestFirst) {
    const excessChars = (estimate.tokens - options.budgetTokens) * 4;
    if (excessChars <= 0) break;
    cutObservation(compacted, index, excessChars);
    estimate.refresh([index]);
  }
  return compacted;
}

function historySteps(messages: ChatMessage[]): HistoryStep[] {
  const taskIndex = messages.findIndex((message) => message.role === 'user');
  const steps: HistoryStep[] = [];
  for (let index = taskIndex + 1; index < messages.length; index++) {
    if (messages[index]?.role === 'assistant') steps.push({ assistant: index, observations: [] });
    else steps.at(-1)?.observations.push(index);
  }
  return steps;
}

function elideStep(messages: ChatMessage[], step: HistoryStep): void {
  const assistant = messages[step.assistant];
  if (assistant?.role !== 'assistant') return;
  const sources = observationSources(assistant);
  for (const [position, index] of step.observations.entries()) {
    const message = messages[index];
    if (!message) continue;
    if (message.role === 'tool') {
      const source = sources.get(message.tool_call_id) ?? { tool: 'tool', rawArguments: '' };
      message.content = elideObservation(message.content, source);
    } else if (message.role === 'user' && message.content.startsWith(OBSERVATION_PREFIX)) {
      const source = sources.get(`#${position}`) ?? { tool: 'tool', rawArguments: '' };
      const observation = message.content.slice(OBSERVATION_PREFIX.length);
      message.content = OBSERVATION_PREFIX + elideObservation(observation, source);
    }
  }
  if (assistant.content) assistant.content = elideContent(assistant.content);
  if (assistant.tool_calls) {
    assistant.tool_calls = assistant.tool_calls.map((call) => ({
      ...call,
      function: { ...call.function, arguments: elideArguments(call.function.name, call.function.arguments) },
    }));
  }
}

/** Which call produced each observation: by tool_call_id (native), or `#0` from the react-text Action. */
function observationSources(assistant: Extract<ChatMessage, { role: 'assistant' }>) {
  const sources = new Map<string, ObservationSource>();
  for (const call of assistant.tool_calls ?? []) {
    sources.set(call.id, { tool: call.function.name, rawArguments: call.function.arguments });
  }
  const parsed = parseReactText(assistant.content ?? '');
  if (parsed.action) sources.set('#0', { tool: parsed.action, rawArguments: parsed.input });
  return sources;
}

function cutObservation(messages: ChatMessage[], index: number, excessChars: number): void {
  const message = messages[index];
  if (!message || (message.role !== 'tool' && message.role !== 'user')) return;
  const { content } = message;
  const keep = Math.max(MIN_RECENT_OBSERVATION_CHARS, content.length - excessChars - 100);
  if (keep >= content.length) return;
  message.content = `${content.slice(0, keep)}\n… [${content.length - keep} characters cut to fit the context window]`;
}

function contentLength(message: ChatMessage | undefined): number {
  return message?.content?.length ?? 0;
}
