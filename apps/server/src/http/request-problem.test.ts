import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function post(payload: string, headers: Record<string, string>) {
  harness ??= await createTestApp();
  harness.model.close(); // accepted runs wait; these tests look at refusals only
  return harness.app.inject({ method: 'POST', url: '/runs', payload, headers });
}

describe('error messages a curl user can act on', () => {
  it('`curl -d` without a content type: 415 that says to send application/json', async () => {
    const response = await post('{"goal":"List the files"}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect(response.json().message).toContain('Content-Type: application/json');
    expect(response.json().message).toContain('got application/x-www-form-urlencoded');
  });

  it('JSON sent as text/plain is a 415 too (as the docs say), not "expected object, received string"', async () => {
    const response = await post('{"goal":"List the files"}', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toContain('got text/plain');
  });

  it('a missing goal reads "goal is required"; a bad limit names its range', async () => {
    const missing = await post('{}', { 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('goal is required');
    expect(missing.json().fields).toEqual([{ path: 'body.goal', message: 'is required' }]);

    const limit = await post('{"goal":"x","maxParallelActors":null,"priority":1}', {
      'content-type': 'application/json',
    });
    expect(limit.json().message).toContain('maxParallelActors must be a whole number from 1 to 16');
    expect(limit.json().message).toContain('priority is not a known field');

    const notObject = await post('"List the files"', { 'content-type': 'application/json' });
    expect(notObject.json().message).toMatch(/^body must be a JSON object such as \{"goal"/);
  });

  it('an oversized body: 413 that names the limit', async () => {
    const response = await post(JSON.stringify({ goal: 'x'.repeat(100_000) }), { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe('body: larger than the 64 KiB limit of POST /runs');
  });

  it('a known path with another method: 405 with Allow; an unknown path stays 404', async () => {
    harness = await createTestApp();
    const put = await harness.app.inject({ method: 'PUT', url: '/runs' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(put.json()).toMatchObject({ statusCode: 405, error: 'method_not_allowed' });
    expect(put.json().message).toBe('PUT is not allowed on /runs; it accepts GET, HEAD, POST');

    const remove = await harness.app.inject({ method: 'DELETE', url: '/runs/run-20260101-000000-abcdef12' });
    expect(remove.statusCode).toBe(405);
    expect(remove.headers.allow).toBe('GET, HEAD');

    const cancel = await harness.app.inject({ method: 'GET', url: '/runs/run-20260101-000000-abcdef12/cancel' });
    expect(cancel.statusCode).toBe(405);
    expect(cancel.headers.allow).toBe('POST');

    const unknown = await harness.app.inject({ method: 'DELETE', url: '/no/such/route' });
    expect(unknown.statusCode).toBe(404);
  });
});
