export interface RecoveredToolCall {
  name: string;
  /** JSON text of the arguments object. */
  arguments: string;
}

const TOOL_CALL_BLOCK = /<tool_call>\s*([\s\S]*?)\s*(?:<\/tool_call>|$)/g;

/**
 * Some models (Hermes/Qwen chat templates without a tool parser on the server) write tool calls
 * into the text: `<tool_call>{"name": "...", "arguments": {...}}</tool_call>`, possibly several,
 * possibly without the closing tag at the very end. Recovers those that parse and removes them
 * from the content; blocks that are not valid JSON calls stay in the content untouched.
 */
export function extractToolCallsFromContent(content: string): { content: string; toolCalls: RecoveredToolCall[] } {
  if (!content.includes('<tool_call>')) return { content, toolCalls: [] };
  const toolCalls: RecoveredToolCall[] = [];
  const remaining = content.replace(TOOL_CALL_BLOCK, (block, inner: string) => {
    const calls = parseCalls(inner);
    if (!calls) return block;
    toolCalls.push(...calls);
    return '';
  });
  return { content: toolCalls.length > 0 ? remaining.trim() : content, toolCalls };
}

function parseCalls(inner: string): RecoveredToolCall[] | undefined {
  const text = inner
    .trim()
    .replace(/^```(?:json)?\s*/, '')
    .replace(/\s*```$/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  const calls: RecoveredToolCall[] = [];
  for (const entry of entries) {
    const call = toCall(entry);
    if (!call) return undefined;
    calls.push(call);
  }
  return calls.length > 0 ? calls : undefined;
}

function toCall(entry: unknown): RecoveredToolCall | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const record = entry as Record<string, unknown>;
  const target = (record.function && typeof record.function === 'object' ? record.function : record) as Record<
    string,
    unknown
  >;
  if (typeof target.name !== 'string' || !target.name) return undefined;
  const args = target.arguments ?? target.parameters ?? {};
  return { name: target.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

const OPEN_TAG = '<tool_call>';
const CLOSE_TAG = '</tool_call>';

/**
 * Streaming counterpart: passes content through but holds back text inside `<tool_call>` blocks
 * (and a trailing partial tag) so streamed text matches the final content.
 */
export class ToolCallTagFilter {
  private buffer = '';
  private inside = false;

  push(text: string): string {
    this.buffer += text;
    let visible = '';
    for (;;) {
      if (this.inside) {
        const close = this.buffer.indexOf(CLOSE_TAG);
        if (close < 0) {
          // Hidden text is never released: keep only what may be the start of the closing tag.
          this.buffer = this.buffer.slice(-(CLOSE_TAG.length - 1));
          return visible;
        }
        this.buffer = this.buffer.slice(close + CLOSE_TAG.length);
        this.inside = false;
        continue;
      }
      const open = this.buffer.indexOf(OPEN_TAG);
      if (open >= 0) {
        visible += this.buffer.slice(0, open);
        this.buffer = this.buffer.slice(open + OPEN_TAG.length);
        this.inside = true;
        continue;
      }
      const keep = partialTagLength(this.buffer);
      visible += this.buffer.slice(0, this.buffer.length - keep);
      this.buffer = this.buffer.slice(this.buffer.length - keep);
      return visible;
    }
  }

  /** Text held back at the end that turned out not to be a tag. */
  flush(): string {
    const rest = this.inside ? '' : this.buffer;
    this.buffer = '';
    return rest;
  }
}

function partialTagLength(text: string): number {
  for (let length = Math.min(OPEN_TAG.length - 1, text.length); length > 0; length--) {
    if (OPEN_TAG.startsWith(text.slice(-length))) return length;
  }
  return 0;
}
