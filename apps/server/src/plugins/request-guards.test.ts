import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RUN_ID_LENGTH } from '../runs/run-store';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

/** The service as `pnpm start` runs it: with a built dashboard, whose static route answers GET /*. */
async function appWithDashboard(): Promise<TestApp> {
  const directory = await mkdtemp(join(tmpdir(), 'aime-dashboard-'));
  await writeFile(join(directory, 'index.html'), '<!doctype html><title>dashboard</title>');
  const testApp = await createTestApp({ dashboardDirectory: directory });
  const cleanup = testApp.cleanup;
  return {
    ...testApp,
    cleanup: async () => {
      await cleanup();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

describe('request guards', () => {
  it('answers 414 for a run id longer than any id, also when the dashboard is served', async () => {
    harness = await appWithDashboard();
    for (const length of [MAX_RUN_ID_LENGTH + 1, 5000]) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['GET', '/events'],
        ['POST', '/cancel'],
      ] as const) {
        const response = await harness.app.inject({ method, url: `/runs/${'x'.repeat(length)}${suffix}` });
        expect(response.statusCode, `${method} ${length}${suffix}`).toBe(414);
        expect(response.json()).toMatchObject({ error: 'uri_too_long' });
      }
    }
    const longest = await harness.app.inject({ method: 'GET', url: `/runs/${'x'.repeat(MAX_RUN_ID_LENGTH)}` });
    expect(longest.statusCode).toBe(404);
  });

  it('refuses a compressed body with 415 instead of parsing it as plain JSON', async () => {
    harness = await createTestApp();
    const body = JSON.stringify({ goal: 'compressed goal' });
    const post = (encoding: string, payload: string | Buffer) =>
      harness!.app.inject({
        method: 'POST',
        url: '/runs',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        payload,
      });
    const gzip = await post('gzip', gzipSync(body));
    expect(gzip.statusCode).toBe(415);
    expect(gzip.json()).toMatchObject({ error: 'unsupported_media_type' });
    expect(gzip.json().message).toContain('content-encoding: gzip is not supported');
    // A plain body that merely claims an encoding is refused too: it is never parsed as JSON.
    expect((await post('gzip', body)).statusCode).toBe(415);
    expect((await post('br', body)).statusCode).toBe(415);
    expect((await post('identity', body)).statusCode).toBe(202);
  });
});
