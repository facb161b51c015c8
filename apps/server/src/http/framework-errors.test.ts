import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { RunExecutor } from '../runs/run-executor';
import { MAX_RUN_ID_LENGTH } from '../runs/run-store';
import { createTestApp, type TestApp, waitFor } from '../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

/** The standard error shape, and nothing Fastify adds of its own (e.g. `code`). */
function expectErrorShape(body: Record<string, unknown>, statusCode: number, error: string): void {
  expect(body).toMatchObject({ statusCode, error, message: expect.any(String) });
  expect(Object.keys(body).filter((key) => key !== 'fields')).toEqual(['statusCode', 'error', 'message']);
}

describe('errors raised inside Fastify use the standard error shape', () => {
  it('routes every run id the id schema accepts; longer ones get a 414 in the standard shape', async () => {
    harness = await createTestApp();
    const longest = 'x'.repeat(MAX_RUN_ID_LENGTH);
    for (const url of [`/runs/${'x'.repeat(101)}`, `/runs/${longest}`, `/runs/${longest}/events`]) {
      const response = await harness.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expectErrorShape(response.json(), 404, 'run_not_found');
    }
    const cancel = await harness.app.inject({ method: 'POST', url: `/runs/${longest}/cancel` });
    expect(cancel.statusCode).toBe(404);

    for (const url of [`/runs/${'x'.repeat(MAX_RUN_ID_LENGTH + 1)}`, `/runs/${'y'.repeat(5000)}/events`]) {
      const response = await harness.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(414);
      const body = response.json();
      expectErrorShape(body, 414, 'uri_too_long');
      expect(body.message).toContain(`a run id has at most ${MAX_RUN_ID_LENGTH}`);
    }
  });

  it('answers bad URLs, 404, 413 and 415 in the standard shape', async () => {
    harness = await createTestApp();
    const badUrl = await harness.app.inject({ method: 'GET', url: '/runs/%zz' });
    expect(badUrl.statusCode).toBe(400);
    expectErrorShape(badUrl.json(), 400, 'bad_request');
    expect(badUrl.json().message).toContain('percent-encoding');

    const unknown = await harness.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(unknown.statusCode).toBe(404);
    expectErrorShape(unknown.json(), 404, 'not_found');

    const tooLarge = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'x'.repeat(70_000) } });
    expect(tooLarge.statusCode).toBe(413);
    expectErrorShape(tooLarge.json(), 413, 'payload_too_large');

    const mediaType = await harness.app.inject({
      method: 'POST',
      url: '/runs',
      headers: { 'content-type': 'application/xml' },
      payload: '<goal>x</goal>',
    });
    expect(mediaType.statusCode).toBe(415);
    expectErrorShape(mediaType.json(), 415, 'unsupported_media_type');
  });

  it('answers a malformed HTTP request in the standard shape', async () => {
    harness = await createTestApp();
    const address = new URL(await harness.app.listen({ host: '127.0.0.1', port: 0 }));
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(address.port), address.hostname, () => {
        socket.write('GET /runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 400 ')).toBe(true);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expectErrorShape(body, 400, 'bad_request');
    expect(body.message).toContain('malformed HTTP request');
  });

  it('answers 503 in the standard shape while the server shuts down', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aime-closing-'));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    // A run that ignores its abort signal keeps the shutdown (preClose) waiting until released.
    const executor: RunExecutor = async () => {
      started = true;
      await released;
      return undefined;
    };
    const app = await buildApp({
      settings: { concurrency: 1, tracesDir: join(root, 'traces') },
      executor,
      dashboardDirectory: null,
      shutdownGraceMs: 10_000,
    });
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'A run that holds the shutdown' } });
      await waitFor(() => started);
      const closed = app.close();
      const response = await fetch(`${address}/runs`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as Record<string, unknown>;
      expectErrorShape(body, 503, 'service_unavailable');
      expect(body.message).toBe('the server is shutting down');
      release();
      await closed;
    } finally {
      release();
      await rm(root, { recursive: true, force: true });
    }
  });
});
