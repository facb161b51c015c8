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
    // Every response is named, the request body's fields are described with real examples.
    expect(JSON.stringify(document)).not.toContain('Default Response');
    expect(createRun.responses['202'].description).toMatch(/^Accepted/);
    expect(createRun.responses['400'].description).toMatch(/^Bad input/);
    const body = createRun.requestBody.content['application/json'].schema;
    for (const [name, field] of Object.entries(body.properties as Record<string, { description?: string }>)) {
      expect(field.description, name).toBeTruthy();
    }
    expect(body.properties.goal.examples).toEqual(['Summarise the repository layout and propose next steps']);
    const error = document.components.schemas.Error;
    expect(error.properties.statusCode).toMatchObject({ minimum: 400, maximum: 599, examples: [400] });
    const summary = document.components.schemas.RunSummary;
    for (const name of ['id', 'goal', 'status', 'createdAt', 'startedAt', 'endedAt', 'model', 'taskCounts', 'usage']) {
      expect(summary.properties[name].description, name).toBeTruthy();
    }
    const ui = await harness.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
