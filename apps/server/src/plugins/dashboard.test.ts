import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let harness: TestApp | undefined;
let directory: string | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('dashboard hosting', () => {
  it('serves the built files at / with an SPA fallback for page navigations only', async () => {
    directory = await mkdtemp(join(tmpdir(), 'aime-dashboard-'));
    await mkdir(join(directory, 'assets'));
    await writeFile(join(directory, 'index.html'), '<!doctype html><div id="root">dashboard</div>');
    await writeFile(join(directory, 'assets', 'app.js'), 'console.log("app")');
    harness = await createTestApp({ dashboardDirectory: directory });

    const index = await harness.app.inject({ method: 'GET', url: '/', headers: HTML });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('dashboard');
    const asset = await harness.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const deepLink = await harness.app.inject({ method: 'GET', url: '/some/page', headers: HTML });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('dashboard');

    const missingAsset = await harness.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json().error).toBe('not_found');
    const unknownApi = await harness.app.inject({ method: 'GET', url: '/runs/run-x/unknown', headers: HTML });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json()).toMatchObject({ statusCode: 404, error: 'not_found' });
    // An API path with another method is a 405 naming the allowed ones, never the page.
    const wrongMethod = await harness.app.inject({ method: 'DELETE', url: '/runs', headers: HTML });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, POST');
  });

  it('serves a placeholder page when the dashboard is not built', async () => {
    harness = await createTestApp({ dashboardDirectory: join(tmpdir(), 'aime-no-such-dashboard') });
    const index = await harness.app.inject({ method: 'GET', url: '/', headers: HTML });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('dashboard has not been built');
    const api = await harness.app.inject({ method: 'GET', url: '/runs' });
    expect(api.statusCode).toBe(200);
  });
});
