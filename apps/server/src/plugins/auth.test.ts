import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

const PROTECTED = [
  ['GET', '/runs'],
  ['POST', '/runs'],
  ['GET', '/runs/run-x'],
  ['GET', '/runs/run-x/events'],
  ['POST', '/runs/run-x/cancel'],
  ['GET', '/gepa'],
  ['GET', '/ready'],
  ['GET', '/metrics'],
] as const;

describe('bearer auth with AIME_API_TOKEN', () => {
  it('requires the token on every API route', async () => {
    harness = await createTestApp({ apiToken: 'correct horse' });
    for (const [method, url] of PROTECTED) {
      const missing = await harness.app.inject({ method, url, payload: method === 'POST' ? { goal: 'g' } : undefined });
      expect(missing.statusCode, `${method} ${url}`).toBe(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      expect(missing.json()).toMatchObject({ error: 'unauthorized', message: 'missing bearer token' });
      const wrong = await harness.app.inject({ method, url, headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode, `${method} ${url}`).toBe(401);
      expect(wrong.json().message).toBe('invalid bearer token');
    }
  });

  it('lets the right token through and keeps /health, /docs and the dashboard open', async () => {
    harness = await createTestApp({ apiToken: 'correct horse' });
    const authorised = await harness.app.inject({
      method: 'GET',
      url: '/runs',
      headers: { authorization: 'Bearer correct horse' },
    });
    expect(authorised.statusCode).toBe(200);
    const queryToken = await harness.app.inject({ method: 'GET', url: '/runs?token=correct%20horse' });
    expect(queryToken.statusCode).toBe(401);
    for (const url of ['/health', '/docs/json']) {
      expect((await harness.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('without a token (loopback only)', () => {
  it('refuses foreign Host headers (DNS rebinding) and foreign-origin WebSocket upgrades', async () => {
    harness = await createTestApp();
    const rebound = await harness.app.inject({ method: 'GET', url: '/runs', headers: { host: 'evil.example:8765' } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json().error).toBe('forbidden');
    const local = await harness.app.inject({ method: 'GET', url: '/runs', headers: { host: '127.0.0.1:8765' } });
    expect(local.statusCode).toBe(200);
    const crossSite = await harness.app.inject({
      method: 'GET',
      url: '/ws',
      headers: { origin: 'https://evil.example', upgrade: 'websocket', connection: 'upgrade' },
    });
    expect(crossSite.statusCode).toBe(403);
  });
});
