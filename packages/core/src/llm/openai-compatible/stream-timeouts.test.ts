import { describe, expect, it } from 'vitest';
import { useFakeModelServer } from '../../testing/openai-compatible-fixtures';
import { ModelAbortedError, ModelError, ModelTimeoutError } from '../errors/index';
import type { ChatDelta, ChatRequest } from '../types';

const fake = useFakeModelServer({ requestTimeoutMs: 800, maxRetries: 0 });

const ask: ChatRequest = { messages: [{ role: 'user', content: 'hello' }] };

/** Runs a stream to its end, keeping every delta seen before it ended or failed. */
async function play(stream: AsyncIterable<ChatDelta>): Promise<{ deltas: ChatDelta[]; error?: ModelError }> {
  const deltas: ChatDelta[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return { deltas, error: error as ModelError };
  }
}

const contentOf = (deltas: ChatDelta[]) =>
  deltas.flatMap((delta) => (delta.type === 'content' ? [delta.text] : [])).join('');

/** An answer that streams live: server reasoning first, so content is not held back as a possible think block. */
const liveAnswer = { reasoning: 'Greeting.', reasoningField: 'reasoning' as const, content: 'Hello! I am a model.' };

describe('streams that go silent (vLLM sends headers at once, chunks only after prefill)', () => {
  it('times out when the headers came but no chunk followed, instead of finishing empty', async () => {
    fake.server.script({ fault: 'headers-then-silence' });
    const { deltas, error } = await play(fake.model().stream(ask));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(error?.message).toContain('within 0.8 s (request_timeout)');
    expect(deltas.some((delta) => delta.type === 'finish')).toBe(false);
  });

  it('retries a stream that fell silent before anything was shown', async () => {
    fake.server.script({ fault: 'headers-then-silence' }, { content: 'second try' });
    const { deltas, error } = await play(fake.model({ maxRetries: 1 }).stream(ask));
    expect(error).toBeUndefined();
    expect(contentOf(deltas)).toBe('second try');
    expect(fake.server.modelRequests()).toHaveLength(2);
  });

  it('fails a stream that stalls mid-answer with "stopped answering", keeping what was shown, without a retry', async () => {
    fake.server.script({ fault: 'stall-stream', answer: { ...liveAnswer, chunkSize: 4 }, afterChunks: 6 });
    const { deltas, error } = await play(fake.model({ maxRetries: 2 }).stream(ask));
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect(error?.message).toMatch(/stopped answering after 0\.8 s .*middle of its answer/);
    expect(contentOf(deltas)).toBe('Hello! I');
    expect(deltas.some((delta) => delta.type === 'finish')).toBe(false);
    expect(fake.server.modelRequests()).toHaveLength(1);
  });

  it('ends with ModelAbortedError when the caller aborts mid-stream', async () => {
    fake.server.script({ fault: 'stall-stream', answer: liveAnswer, afterChunks: 4 });
    const controller = new AbortController();
    const deltas: ChatDelta[] = [];
    const outcome = (async () => {
      for await (const delta of fake.model({ requestTimeoutMs: 5000 }).stream({ ...ask, signal: controller.signal })) {
        deltas.push(delta);
        if (delta.type === 'content') controller.abort();
      }
    })();
    await expect(outcome).rejects.toBeInstanceOf(ModelAbortedError);
    expect(deltas.some((delta) => delta.type === 'finish')).toBe(false);
  });

  it('times out a non-streamed request whose body never comes after the headers', async () => {
    fake.server.script({ fault: 'headers-then-silence' });
    await expect(fake.model().chat(ask)).rejects.toBeInstanceOf(ModelTimeoutError);
  });

  it('still finishes normally when the stream is whole', async () => {
    fake.server.script(liveAnswer);
    const { deltas, error } = await play(fake.model().stream(ask));
    expect(error).toBeUndefined();
    expect(deltas.at(-1)).toMatchObject({ type: 'finish', response: { content: 'Hello! I am a model.' } });
  });
});
