import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

interface StreamedEvent {
  id: string;
  event: string;
  data: RunEvent;
}

/** Reads a whole Server-Sent Events response (it ends after run-end) and parses its messages. */
async function readStream(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  const messages: StreamedEvent[] = [];
  for (const block of text.split('\n\n')) {
    const fields = Object.fromEntries(
      block
        .split('\n')
        .filter((line) => line && !line.startsWith(':'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
    );
    if (fields.data) messages.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) });
  }
  return { response, text, messages };
}

async function listening(testApp: TestApp): Promise<string> {
  return testApp.app.listen({ host: '127.0.0.1', port: 0 });
}

describe('GET /runs/:id/events as Server-Sent Events', () => {
  it('replays the log, then streams live events across the boundary with no gap or duplicate, and ends after run-end', async () => {
    harness = await createTestApp();
    const base = await listening(harness);
    harness.model.close(); // hold the run at its first model call: some events logged, more to come
    const created = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } });
    const runId = created.json().id as string;
    await waitFor(() => harness?.model.waiting === 1 || undefined);

    const streaming = readStream(`${base}/runs/${runId}/events`);
    const testApp = harness;
    await waitFor(async () => {
      const detail = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
      return detail.lastSeq >= 1 || undefined;
    });
    testApp.model.open();
    const { response, messages } = await streaming;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const logged = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events?after=0&limit=5000` })).json()
      .events as RunEvent[];
    expect(messages.map((message) => message.data)).toEqual(logged);
    expect(messages.map((message) => Number(message.id))).toEqual(logged.map((_, index) => index + 1));
    expect(messages.map((message) => message.event)).toEqual(logged.map((event) => event.type));
    expect(messages.at(-1)?.event).toBe('run-end');
  });

  it('resumes after Last-Event-ID (or ?after=), and answers 204 when a finished run has nothing newer', async () => {
    harness = await createTestApp();
    const base = await listening(harness);
    const created = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } });
    const runId = created.json().id as string;
    const testApp = harness;
    const finished = await waitFor(async () => {
      const detail = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
      return detail.status === 'completed' || detail.status === 'failed' ? detail : undefined;
    });
    const lastSeq = finished.lastSeq as number;
    expect(lastSeq).toBeGreaterThan(3);

    const resumed = await readStream(`${base}/runs/${runId}/events`, { 'last-event-id': '3' });
    expect(resumed.messages.map((message) => message.data.seq)).toEqual(
      Array.from({ length: lastSeq - 3 }, (_, index) => index + 4),
    );
    const fromQuery = await readStream(`${base}/runs/${runId}/events?after=${lastSeq - 1}`);
    expect(fromQuery.messages.map((message) => message.data.seq)).toEqual([lastSeq]);

    const done = await readStream(`${base}/runs/${runId}/events`, { 'last-event-id': String(lastSeq) });
    expect(done.response.status).toBe(204);
    expect(done.messages).toEqual([]);
  });

  it('ends open streams when the server closes, so shutdown does not hang', async () => {
    harness = await createTestApp({ shutdownGraceMs: 200 });
    const base = await listening(harness);
    harness.model.close();
    const created = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } });
    const runId = created.json().id as string;
    const streaming = readStream(`${base}/runs/${runId}/events`);
    const testApp = harness;
    await waitFor(() => testApp.model.waiting === 1 || undefined);
    await testApp.app.close();
    const { messages } = await streaming;
    expect(messages.at(-1)?.data).toMatchObject({ type: 'run-end', status: 'interrupted' });
  });
});
