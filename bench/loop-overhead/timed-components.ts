import type { AnyTool, ChatDelta, ChatRequest, ChatResponse, LanguageModel } from '@gepa-aime/core';

/** One timed call of the model or a tool (performance.now() milliseconds). */
export interface Span {
  kind: 'model' | 'tool';
  start: number;
  end: number;
  role?: 'planner' | 'actor';
  /** Model spans: the answer asked for a real tool (not `finish`). */
  callsTool?: boolean;
  /** Tool spans: the tool and its (validated) arguments, for the baseline replay. */
  tool?: string;
  args?: unknown;
}

/** Wraps a model and records the span of every call (its own time, not the framework's). */
export class TimedModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;

  constructor(
    private readonly inner: LanguageModel,
    private readonly spans: Span[],
  ) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const start = performance.now();
    const response = await this.inner.chat(request);
    const end = performance.now();
    this.spans.push({
      kind: 'model',
      start,
      end,
      role: request.responseSchema ? 'planner' : 'actor',
      callsTool: response.toolCalls.some((call) => call.function.name !== 'finish'),
    });
    return response;
  }

  stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    return this.inner.stream(request);
  }
}

/** The same tool, with every execute() timed into `spans`. */
export function timedTool(tool: AnyTool, spans: Span[]): AnyTool {
  return {
    ...tool,
    async execute(args, context) {
      const start = performance.now();
      try {
        return await tool.execute(args, context);
      } finally {
        spans.push({ kind: 'tool', start, end: performance.now(), tool: tool.name, args });
      }
    },
  };
}
