import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@gepa-aime/core';
import { OfflineModel } from '@gepa-aime/offline-model';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServiceSettings } from '../config/service-settings';
import { type RunningServer, startServer } from '../start-server';
import { GatedModel } from '../test-support/gated-model';
import { createWorkspace, REPOSITORY_CONFIG_DIRECTORY } from '../test-support/test-app';

let server: RunningServer | undefined;
let root: string | undefined;
afterEach(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
  server = undefined;
  root = undefined;
});

/** The real server (settings from the environment) with a closed model gate: runs only queue. */
async function serve(rateLimit: string): Promise<RunningServer> {
  root = await mkdtemp(join(tmpdir(), 'aime-rate-limit-'));
  const model = new GatedModel(new OfflineModel());
  model.close();
  server = await startServer({
    env: {
      AIME_PORT: '0',
      AIME_CONCURRENCY: '1',
      AIME_RATE_LIMIT: rateLimit,
      AIME_TRACES_DIR: join(root, 'traces'),
      AIME_WORKSPACE: await createWorkspace(root),
    },
    configDirectory: REPOSITORY_CONFIG_DIRECTORY,
    model,
    logger: false,
    dashboardDirectory: null,
  });
  return server;
}

async function postRuns(running: RunningServer, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await running.app.inject({ method: 'POST', url: '/runs', payload: { goal: `Goal ${index}` } });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('AIME_RATE_LIMIT', () => {
  it('is read from the environment: default 60, 0 allowed, anything else invalid is named', () => {
    expect(loadServiceSettings({}).rateLimit).toBe(60);
    expect(loadServiceSettings({ AIME_RATE_LIMIT: '5' }).rateLimit).toBe(5);
    expect(loadServiceSettings({ AIME_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    for (const bad of ['-1', '1.5', 'many']) {
      expect(() => loadServiceSettings({ AIME_RATE_LIMIT: bad })).toThrow(ConfigError);
      expect(() => loadServiceSettings({ AIME_RATE_LIMIT: bad })).toThrow(/AIME_RATE_LIMIT/);
    }
  });

  it('limits POST /runs per client per minute as configured', async () => {
    const running = await serve('2');
    expect(running.app.aime.runsPerMinute).toBe(2);
    expect(await postRuns(running, 3)).toEqual([202, 202, 429]);
  });

  it('0 disables the limit', async () => {
    const running = await serve('0');
    const statuses = await postRuns(running, 65);
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
  });
});
