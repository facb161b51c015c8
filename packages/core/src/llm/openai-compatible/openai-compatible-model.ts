import OpenAI from 'openai';
import { ModelConnectionError } from '../errors/index';
import { responseDeltas } from '../response-deltas';
import type { ChatDelta, ChatRequest, ChatResponse, LanguageModel } from '../types';
import { chatRequestBody } from './chat-request-body';
import { chatCompletionToResponse } from './chat-response';
import { createCheckedFetch, type FetchFunction } from './checked-fetch';
import { callCompletionsEndpoint } from './completions-endpoint';
import { chatBaseUrl, type EndpointKind, endpointKind, endpointUrl } from './endpoints';
import { callGenerateEndpoint } from './generate-endpoint';
import { RequestScope } from './request-scope';
import { type RetryPolicy, retryDelayMs, shouldRetry, sleep, withRetries } from './retry';
import { StreamAssembler } from './stream-assembler';

/** Longest single wait between attempts, Retry-After included. */
const MAX_RETRY_DELAY_MS = 30_000;

export interface OpenAICompatibleModelOptions {
  provider: 'vllm' | 'openai';
  model: string;
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:8000/v1`. */
  apiBase: string;
  /** Sent as a bearer token; `EMPTY` when unset (what vLLM expects without `--api-key`). */
  apiKey?: string;
  /** Per HTTP request (for streams: the longest silence between chunks). */
  requestTimeoutMs: number;
  maxRetries: number;
  /** Passed through to the server; `endpoint` selects the API (see endpoints.ts). */
  extraParams?: Record<string, unknown>;
  fetch?: FetchFunction;
  /** First backoff step (default 500 ms); tests make it small. */
  retryBaseDelayMs?: number;
}

/**
 * The `vllm` / `openai` provider: any OpenAI-compatible server through the `openai` SDK (with
 * the SDK's own retries off — this class retries with backoff and jitter, honouring Retry-After),
 * plus plain-fetch clients for `/v1/completions` and legacy `/generate` endpoints.
 */
export class OpenAICompatibleModel implements LanguageModel {
  readonly provider: 'vllm' | 'openai';
  readonly modelId: string;
  private readonly client: OpenAI;
  private readonly fetch: FetchFunction;
  private readonly kind: EndpointKind;
  private readonly extraParams: Record<string, unknown>;
  private readonly policy: RetryPolicy;
  private readonly apiKey: string;

  constructor(private readonly options: OpenAICompatibleModelOptions) {
    this.provider = options.provider;
    this.modelId = options.model;
    this.extraParams = options.extraParams ?? {};
    const endpoint = typeof this.extraParams.endpoint === 'string' ? this.extraParams.endpoint : undefined;
    this.kind = endpointKind(endpoint);
    this.fetch = createCheckedFetch(options.fetch ?? globalThis.fetch);
    this.apiKey = options.apiKey || 'EMPTY';
    this.client = new OpenAI({
      baseURL: chatBaseUrl(options.apiBase, endpoint),
      apiKey: this.apiKey,
      maxRetries: 0,
      logLevel: 'off',
      timeout: options.requestTimeoutMs + 1000,
      fetch: this.fetch,
    });
    this.policy = {
      maxRetries: options.maxRetries,
      baseDelayMs: options.retryBaseDelayMs ?? 500,
      maxDelayMs: MAX_RETRY_DELAY_MS,
    };
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return withRetries(
      async () => {
        const scope = new RequestScope(request.signal, this.options.requestTimeoutMs, this.client.baseURL);
        try {
          return await this.chatOnce(request, scope.signal);
        } catch (error) {
          throw scope.toError(error);
        } finally {
          scope.dispose();
        }
      },
      this.policy,
      request.signal,
    );
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    if (this.kind !== 'chat') {
      yield* responseDeltas(await this.chat(request));
      return;
    }
    for (let retriesDone = 0; ; retriesDone++) {
      const scope = new RequestScope(request.signal, this.options.requestTimeoutMs, this.client.baseURL);
      let yielded = false;
      try {
        const body = {
          ...chatRequestBody(request, this.modelId, this.extraParams),
          stream: true,
          stream_options: { include_usage: true },
        };
        const chunks = await this.client.chat.completions.create(body as never, { signal: scope.signal });
        const assembler = new StreamAssembler(request, this.modelId);
        for await (const chunk of chunks as unknown as AsyncIterable<unknown>) {
          scope.restartTimer();
          for (const delta of assembler.push(chunk)) {
            yielded = true;
            yield delta;
          }
        }
        // The SDK ends a stream quietly when its request is aborted (timeout or caller), and a
        // server may close one early: without a finish reason the answer is incomplete.
        if (!assembler.finished) {
          throw new ModelConnectionError('The model server ended the stream before the answer was finished');
        }
        const { deltas, response } = assembler.finish();
        yield* deltas;
        yield { type: 'finish', response };
        return;
      } catch (error) {
        const modelError = scope.toError(error, yielded);
        if (yielded || !shouldRetry(modelError, retriesDone, this.policy)) throw modelError;
        await sleep(retryDelayMs(modelError, retriesDone, this.policy), request.signal);
      } finally {
        scope.dispose();
      }
    }
  }

  private async chatOnce(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse> {
    if (this.kind === 'chat') {
      const body = chatRequestBody(request, this.modelId, this.extraParams);
      const completion = await this.client.chat.completions.create(body as never, { signal });
      return chatCompletionToResponse(completion, request, this.modelId);
    }
    const call = {
      fetch: this.fetch,
      url: endpointUrl(this.options.apiBase, String(this.extraParams.endpoint)),
      model: this.modelId,
      headers: { authorization: `Bearer ${this.apiKey}` },
      extraParams: this.extraParams,
      signal,
    };
    return this.kind === 'completions' ? callCompletionsEndpoint(request, call) : callGenerateEndpoint(request, call);
  }
}
