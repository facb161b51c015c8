import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('OpenAPI document', () => {
  it('describes every route from the zod schemas, with a docs UI', async () => {
    harness = await createTestApp();
    const document = (await harness.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/runs',
        '/runs/{id}',
        '/runs/{id}/events',
        '/runs/{id}/cancel',
        '/gepa',
        '/health',
        '/ready',
        '/metrics',
      ]),
    );
    const createRun = document.paths['/runs'].post;
    expect(JSON.stringify(createRun.requestBody)).toContain('maxLength');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['RunDetail', 'RunSummary', 'Error']),
    );
    const ui = await harness.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
