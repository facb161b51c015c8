import type { IncomingHttpHeaders } from 'node:http';

/** Token usage the fake server reports (`null` = send none, so the client must estimate). */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

/** A normal answer. Chat endpoints send it as a completion (or SSE chunks); text endpoints use `content`. */
export interface FakeAnswer {
  content?: string;
  reasoning?: string;
  /** Which field carries reasoning: newer vLLM `reasoning` or older `reasoning_content` (default). */
  reasoningField?: 'reasoning' | 'reasoning_content';
  toolCalls?: Array<{ name: string; arguments: unknown; id?: string }>;
  finishReason?: string;
  usage?: FakeUsage | null;
  model?: string;
  /** Characters per streamed content/arguments piece (default 6) — small, so tool calls split. */
  chunkSize?: number;
  latencyMs?: number;
}

/** Injected failures. Each applies to one call; queue several to fail several calls. */
export type FakeFault = { latencyMs?: number } & (
  | { fault: 'rate-limit'; retryAfter?: string | number }
  | { fault: 'server-error'; status?: number }
  | { fault: 'malformed-json' }
  /** Streams some chunks of `answer` then destroys the socket (default: mid tool-call arguments). */
  | { fault: 'cut-stream'; answer?: FakeAnswer; afterChunks?: number }
  /** Streams a content chunk, then an error event `data: {"error": {message, code}}` (as vLLM does mid-stream). */
  | { fault: 'stream-error'; message: string; code?: number }
  /** Never answers; the request stays open until the client gives up or the server closes. */
  | { fault: 'hang' }
  /**
   * Sends the response headers at once and then nothing, keeping the connection open — what vLLM
   * does while a long prompt is still being prefilled (for a streamed request, before its first chunk).
   */
  | { fault: 'headers-then-silence' }
  /** Streams the first `afterChunks` chunks of `answer` (default: half), then goes silent with the connection open. */
  | { fault: 'stall-stream'; answer?: FakeAnswer; afterChunks?: number }
  /**
   * An answer cut by `max_tokens` inside a hermes `<tool_call>` block (finish_reason `length`), as
   * vLLM's hermes parser returns it: unparsable, so non-streamed it is raw text in `content`;
   * streamed, a tool-call delta with the name and the arguments up to the cut.
   */
  | {
      fault: 'length-in-tool-call';
      toolCall: { name: string; arguments: unknown };
      /** Text before the block. */
      content?: string;
      /** Characters of the call's JSON kept (default: half of it). */
      keepCharacters?: number;
    }
  | {
      fault: 'error';
      status: number;
      /** `nested` {"error":{…}}, `flat` {"object":"error",…}, `detail` {"detail": "…"}. */
      shape: 'nested' | 'flat' | 'detail';
      message: string;
      type?: string;
      code?: string;
    }
);

export type FakeReply = string | FakeAnswer | FakeFault;

export interface FakeRequestContext {
  path: string;
  /** 0-based index of this request among all requests the server received. */
  callIndex: number;
  headers: IncomingHttpHeaders;
  stream: boolean;
}

export type FakeHandler = (
  body: Record<string, unknown>,
  context: FakeRequestContext,
) => FakeReply | Promise<FakeReply>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (`undefined` for GET or a body that is not JSON). */
  body: Record<string, unknown> | undefined;
  stream: boolean;
  receivedAt: number;
  /** True when the client closed the connection before the answer was complete. */
  aborted: boolean;
}

export interface FakeServerOptions {
  /** Replies served in order to model calls (chat, completions, generate). */
  replies?: FakeReply[];
  /** Answers when the queue is empty; default echoes the last user message. */
  handler?: FakeHandler;
  /** Model id reported by `/v1/models` and in completions (default `fake-model`). */
  model?: string;
  /** `GET /health` status (default 200). */
  healthStatus?: number;
  /** `GET /v1/models` status (default 200; anything else answers without a body, like a gateway without it). */
  modelsStatus?: number;
  /**
   * vLLM's `--served-model-name`: the ids `/v1/models` lists. When set, a model request naming
   * another id gets vLLM's 404 "The model `x` does not exist."; unset, `/v1/models` lists `model`
   * and any id is accepted.
   */
  servedModelNames?: string[];
  /**
   * `false` behaves like vLLM started without `--enable-auto-tool-choice --tool-call-parser`: a chat
   * request with tools and `tool_choice` "auto" (or none, which means auto) gets a 400. Default true.
   */
  autoToolChoice?: boolean;
}
