import type { ChatDelta, ChatRequest, ChatResponse, ToolCall } from '../types';
import { buildResponse, type RawUsage, reasoningOf } from './build-response';
import { ThinkBlockSplitter, type ThinkSplit } from './think-blocks';
import { ToolCallTagFilter } from './tool-calls-in-content';

interface ChunkToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface Chunk {
  model?: string;
  choices?: Array<{
    delta?: { content?: string | null; tool_calls?: ChunkToolCall[] } & Record<string, unknown>;
    finish_reason?: string | null;
  }>;
  usage?: RawUsage | null;
}

/**
 * Turns chat completion chunks into ChatDeltas and the final ChatResponse: concatenates content
 * and reasoning, joins tool-call fragments by `index` (id and name arrive first, arguments in
 * pieces), keeps the last usage chunk, streams a think block in the content as reasoning (holding
 * text back until it is clear whether it belongs to one), and hides `<tool_call>` text from
 * streamed content. The streamed content adds up to the final response's content.
 */
export class StreamAssembler {
  private content = '';
  private reasoning = '';
  private thinkReasoningSent = false;
  /** Set at the first content piece: a bare `</think>` counts only if no server reasoning came first. */
  private bareCloseTag: boolean | undefined;
  private splitter: ThinkBlockSplitter | undefined;
  private readonly toolCalls = new Map<number, { id: string; name: string; arguments: string }>();
  private finishReason: string | null | undefined;
  private usage: RawUsage | null | undefined;
  private model: string;
  private readonly filter = new ToolCallTagFilter();

  constructor(
    private readonly request: ChatRequest,
    fallbackModel: string,
  ) {
    this.model = fallbackModel;
  }

  /** Whether a finish reason arrived: a stream that ends without one was cut short. */
  get finished(): boolean {
    return Boolean(this.finishReason);
  }

  push(chunk: unknown): ChatDelta[] {
    const { model, choices, usage } = (chunk ?? {}) as Chunk;
    if (typeof model === 'string' && model) this.model = model;
    if (usage) this.usage = usage;
    const deltas: ChatDelta[] = [];
    for (const choice of choices ?? []) {
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
      const delta = choice.delta;
      if (!delta) continue;
      const reasoning = reasoningOf(delta);
      if (reasoning) {
        this.reasoning += reasoning;
        deltas.push({ type: 'reasoning', text: reasoning });
      }
      if (typeof delta.content === 'string' && delta.content) {
        this.content += delta.content;
        this.bareCloseTag ??= this.reasoning === '';
        this.splitter ??= new ThinkBlockSplitter(this.bareCloseTag);
        deltas.push(...this.contentDeltas(this.splitter.push(delta.content)));
      }
      for (const call of delta.tool_calls ?? []) deltas.push(this.pushToolCall(call));
    }
    return deltas;
  }

  /** Deltas still held back (tool calls recovered from content) and the assembled response. */
  finish(): { deltas: ChatDelta[]; response: ChatResponse } {
    const deltas: ChatDelta[] = this.splitter ? this.contentDeltas(this.splitter.finish()) : [];
    const rest = this.filter.flush();
    if (rest) deltas.push({ type: 'content', text: rest });
    const native: ToolCall[] = [...this.toolCalls.entries()]
      .sort(([left], [right]) => left - right)
      .filter(([, call]) => call.name)
      .map(([index, call]) => ({
        id: call.id || `call_${index + 1}`,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
    const response = buildResponse(
      {
        content: this.content,
        reasoning: this.reasoning || undefined,
        bareCloseTag: this.bareCloseTag,
        toolCalls: native,
        finishReason: this.finishReason,
        usage: this.usage,
        model: this.model,
      },
      this.request,
    );
    for (const [index, call] of response.toolCalls.entries()) {
      if (index < native.length) continue;
      deltas.push({
        type: 'tool-call',
        index,
        id: call.id,
        name: call.function.name,
        argumentsDelta: call.function.arguments,
      });
    }
    return { deltas, response };
  }

  /** Think-block reasoning after the server's (on a new line), then content without `<tool_call>` blocks. */
  private contentDeltas(split: ThinkSplit): ChatDelta[] {
    const deltas: ChatDelta[] = [];
    if (split.reasoning) {
      const separator = this.reasoning && !this.thinkReasoningSent ? '\n' : '';
      this.thinkReasoningSent = true;
      deltas.push({ type: 'reasoning', text: separator + split.reasoning });
    }
    const visible = this.hidesToolCallTags() ? this.filter.push(split.content) : split.content;
    if (visible) deltas.push({ type: 'content', text: visible });
    return deltas;
  }

  private hidesToolCallTags(): boolean {
    return (this.request.tools?.length ?? 0) > 0;
  }

  private pushToolCall(call: ChunkToolCall): ChatDelta {
    const index = call.index ?? this.toolCalls.size;
    const entry = this.toolCalls.get(index) ?? { id: '', name: '', arguments: '' };
    if (call.id) entry.id = call.id;
    const name = call.function?.name;
    if (name) entry.name = entry.name && !name.startsWith(entry.name) ? entry.name + name : name;
    if (call.function?.arguments) entry.arguments += call.function.arguments;
    this.toolCalls.set(index, entry);
    const delta: ChatDelta = { type: 'tool-call', index };
    if (call.id) delta.id = call.id;
    if (call.function?.name) delta.name = call.function.name;
    if (call.function?.arguments) delta.argumentsDelta = call.function.arguments;
    return delta;
  }
}
