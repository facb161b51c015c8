import { describe, expect, it, vi } from 'vitest';
import { startFakeOpenAIServer } from '../../testing/index';
import { useFakeModelServer } from '../../testing/openai-compatible-fixtures';
import {
  BadRequestError,
  ContextLengthExceededError,
  InvalidResponseError,
  ModelAbortedError,
  ModelConnectionError,
  ModelError,
  ModelNotFoundError,
  ModelServerError,
  ModelTimeoutError,
  RateLimitedError,
  UnauthorizedError,
} from '../errors/index';
import type { ChatDelta, ChatRequest } from '../types';

const fake = useFakeModelServer({ maxRetries: 3 });
const model = fake.model;

const ask: ChatRequest = { messages: [{ role: 'user', content: 'hello' }] };

async function drain(stream: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const deltas: ChatDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('expected the call to fail');
}

describe('retries', () => {
  it('retries 429 and 500 then succeeds', async () => {
    fake.server.script(
      { fault: 'rate-limit' },
      { fault: 'server-error' },
      { fault: 'server-error', status: 503 },
      'finally',
    );
    const response = await model().chat(ask);
    expect(response.content).toBe('finally');
    expect(fake.server.requests).toHaveLength(4);
  });

  it('gives up after max_retries with a typed retryable error', async () => {
    fake.server.script(...Array.from({ length: 3 }, () => ({ fault: 'server-error' as const })));
    const error = await failure(model({ maxRetries: 2 }).chat(ask));
    expect(error).toBeInstanceOf(ModelServerError);
    expect(error).toMatchObject({ code: 'server_error', status: 500, retryable: true });
    expect(fake.server.requests).toHaveLength(3);
  });

  it('surfaces 429 as RateLimitedError with retryAfterMs when retries are off', async () => {
    fake.server.script({ fault: 'rate-limit', retryAfter: 7 });
    const error = await failure(model({ maxRetries: 0 }).chat(ask));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('honours Retry-After before retrying a 429', async () => {
    fake.server.script({ fault: 'rate-limit', retryAfter: 1 }, 'after the wait');
    const response = await model({ retryBaseDelayMs: 1 }).chat(ask);
    expect(response.content).toBe('after the wait');
    const [first, second] = fake.server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('retries a stream that fails before its first chunk', async () => {
    fake.server.script({ fault: 'server-error' }, { content: 'streamed after retry' });
    const deltas = await drain(model().stream(ask));
    expect(deltas.at(-1)).toMatchObject({ type: 'finish', response: { content: 'streamed after retry' } });
    expect(fake.server.requests).toHaveLength(2);
  });

  it('retries connection failures and reports them typed when the server is gone', async () => {
    const gone = await startFakeOpenAIServer();
    await gone.close();
    const error = await failure(model({ apiBase: gone.url, maxRetries: 1 }).chat(ask));
    expect(error).toBeInstanceOf(ModelConnectionError);
    expect(error.retryable).toBe(true);
    // The message names the URL, the cause and what to check — not "Connection error.: fetch failed".
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot reach the model server at ${gone.url}/?: connection refused \\(ECONNREFUSED\\)\\. Is the model server running`,
      ),
    );
    const streamed = await failure(drain(model({ apiBase: gone.url, maxRetries: 0 }).stream(ask)));
    expect(streamed.message).toContain(`at ${gone.url}`);
    expect(streamed.message).toContain('connection refused');
  });
});

describe('faults that are not retried', () => {
  it('maps malformed JSON to InvalidResponseError without retrying', async () => {
    fake.server.script({ fault: 'malformed-json' });
    const error = await failure(model().chat(ask));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(fake.server.requests).toHaveLength(1);
  });

  it('maps a malformed SSE chunk to InvalidResponseError', async () => {
    fake.server.script({ fault: 'malformed-json' });
    const error = await failure(drain(model().stream(ask)));
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it('fails a stream cut mid tool-call with a connection error after the deltas already sent', async () => {
    fake.server.script({
      fault: 'cut-stream',
      answer: {
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius', days: 3 } }],
        chunkSize: 3,
      },
    });
    const seen: ChatDelta[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of model().stream(ask)) seen.push(delta);
      })(),
    );
    expect(error).toBeInstanceOf(ModelConnectionError);
    expect(seen.some((delta) => delta.type === 'tool-call')).toBe(true);
    expect(seen.some((delta) => delta.type === 'finish')).toBe(false);
    expect(fake.server.requests).toHaveLength(1);
  });

  it('maps an error event sent mid-stream to a typed error', async () => {
    fake.server.script({ fault: 'stream-error', message: 'CUDA out of memory' });
    const error = await failure(drain(model({ maxRetries: 0 }).stream(ask)));
    expect(error).toBeInstanceOf(ModelServerError);
    expect(error.message).toContain('CUDA out of memory');
    expect(fake.server.requests).toHaveLength(1);
  });

  it('retries a stream that failed while its text was still held back (it may have been reasoning)', async () => {
    fake.server.script({ fault: 'stream-error', message: 'CUDA out of memory' }, 'recovered');
    const deltas = await drain(model().stream(ask));
    expect(deltas.flatMap((delta) => (delta.type === 'content' ? [delta.text] : []))).toEqual(['recovered']);
    expect(fake.server.requests).toHaveLength(2);
  });

  it('retries a non-streaming answer cut mid-body', async () => {
    fake.server.script({ fault: 'cut-stream', answer: { content: 'a long answer that will be cut in half' } }, 'whole');
    const response = await model().chat(ask);
    expect(response.content).toBe('whole');
    expect(fake.server.requests).toHaveLength(2);
  });
});

describe('error bodies', () => {
  it('maps the nested shape (context length, 400)', async () => {
    fake.server.script({
      fault: 'error',
      status: 400,
      shape: 'nested',
      message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.",
      type: 'BadRequestError',
    });
    const error = await failure(model().chat(ask));
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error).toMatchObject({ code: 'context_length_exceeded', status: 400, retryable: false, isUserError: true });
    expect(error.message).toContain('maximum context length is 4096');
    expect(fake.server.requests).toHaveLength(1);
  });

  it('maps the flat vLLM shape (model not found, 404)', async () => {
    fake.server.script({
      fault: 'error',
      status: 404,
      shape: 'flat',
      message: 'The model `qwen3-test` does not exist.',
      type: 'NotFoundError',
      code: '404',
    });
    const error = await failure(model().chat(ask));
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect(error.message).toContain('does not exist');
  });

  it('maps the flat shape with a context length message', async () => {
    fake.server.script({
      fault: 'error',
      status: 400,
      shape: 'flat',
      message: 'Input is too long: the prompt exceeds max_model_len (8192).',
    });
    expect(await failure(model().chat(ask))).toBeInstanceOf(ContextLengthExceededError);
  });

  it('maps 401 with a detail body to UnauthorizedError', async () => {
    fake.server.script({ fault: 'error', status: 401, shape: 'detail', message: 'Invalid API key' });
    const error = await failure(model().chat(ask));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toContain('Invalid API key');
  });

  it('maps other 400s to BadRequestError and keeps the message', async () => {
    fake.server.script({ fault: 'error', status: 400, shape: 'nested', message: 'temperature must be <= 2' });
    const error = await failure(model().chat(ask));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('temperature must be <= 2');
  });

  it('maps error bodies on streaming requests too', async () => {
    fake.server.script({ fault: 'error', status: 404, shape: 'flat', message: 'The model `x` does not exist.' });
    expect(await failure(drain(model().stream(ask)))).toBeInstanceOf(ModelNotFoundError);
  });
});

describe('timeouts and cancellation', () => {
  it('honours request_timeout on a hanging server', async () => {
    fake.server.script({ fault: 'hang' });
    const error = await failure(model({ requestTimeoutMs: 200, maxRetries: 0 }).chat(ask));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(error.retryable).toBe(true);
    await fake.server.waitForDisconnects(1);
  });

  it('waits out latency below the timeout and times out latency above it', async () => {
    fake.server.script({ content: 'slow but fine', latencyMs: 100 }, { content: 'too slow', latencyMs: 1000 });
    expect((await model().chat(ask)).content).toBe('slow but fine');
    const error = await failure(model({ requestTimeoutMs: 150, maxRetries: 0 }).chat(ask));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(fake.server.requests).toHaveLength(2);
  });

  it('retries after a timeout', async () => {
    fake.server.script({ fault: 'hang' }, 'second try');
    const response = await model({ requestTimeoutMs: 200, maxRetries: 1 }).chat(ask);
    expect(response.content).toBe('second try');
    expect(fake.server.requests).toHaveLength(2);
  });

  it('times out a stream that goes silent', async () => {
    fake.server.script({ fault: 'hang' });
    expect(await failure(drain(model({ requestTimeoutMs: 200, maxRetries: 0 }).stream(ask)))).toBeInstanceOf(
      ModelTimeoutError,
    );
  });

  it('aborts within 100 ms and the server sees the disconnect', async () => {
    fake.server.script({ fault: 'hang' });
    const disconnectsBefore = fake.server.disconnects;
    const controller = new AbortController();
    const pending = failure(model().chat({ ...ask, signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    const elapsed = performance.now() - abortedAt;
    expect(error).toBeInstanceOf(ModelAbortedError);
    expect(elapsed).toBeLessThan(100);
    await fake.server.waitForDisconnects(disconnectsBefore + 1);
    await vi.waitFor(() => expect(fake.server.requests[0]?.aborted).toBe(true), { timeout: 2000 });
    expect(fake.server.requests).toHaveLength(1);
  });

  it('aborts a stream and a retry wait', async () => {
    fake.server.script({ fault: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect(await failure(drain(model().stream({ ...ask, signal: controller.signal })))).toBeInstanceOf(
      ModelAbortedError,
    );
    fake.server.script({ fault: 'rate-limit', retryAfter: 30 });
    const waiting = new AbortController();
    const pending = failure(model().chat({ ...ask, signal: waiting.signal }));
    setTimeout(() => waiting.abort(), 50);
    expect(await pending).toBeInstanceOf(ModelAbortedError);
  });
});
