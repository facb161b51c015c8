import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app';
import { TestSocket } from '../../test-support/ws-client';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('GET /ws without a WebSocket upgrade', () => {
  it('answers 426 Upgrade Required in the standard error shape; upgrades still connect', async () => {
    harness = await createTestApp();
    const plain = await harness.app.inject({ method: 'GET', url: '/ws' });
    expect(plain.statusCode).toBe(426);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers.upgrade).toBe('websocket');
    expect(plain.json()).toEqual({
      statusCode: 426,
      error: 'upgrade_required',
      message: expect.stringContaining('WebSocket endpoint'),
    });
    const head = await harness.app.inject({ method: 'HEAD', url: '/ws' });
    expect(head.statusCode).toBe(426);

    const address = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = await TestSocket.connect(`${address.replace('http://', 'ws://')}/ws`);
    try {
      expect((await socket.waitForMessage((message) => message.type === 'hello')).protocol).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('still asks for the token first when one is configured', async () => {
    harness = await createTestApp({ apiToken: 'secret-token' });
    const response = await harness.app.inject({ method: 'GET', url: '/ws' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('unauthorized');
  });
});
