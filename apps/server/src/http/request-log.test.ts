import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { TestSocket } from '../test-support/ws-client';
import { redactUrl } from './request-log';

const TOKEN = 'tok-9f8e7d6c5b4a';
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('request logs', () => {
  it('redact credentials in query strings', () => {
    expect(redactUrl(`/ws?token=${TOKEN}`)).toBe('/ws?token=[redacted]');
    expect(redactUrl(`/ws?afterSeq=3&TOKEN=${TOKEN}#x`)).toBe('/ws?afterSeq=3&TOKEN=[redacted]#x');
    expect(redactUrl('/runs?limit=5')).toBe('/runs?limit=5');
  });

  it('never write the API token a WebSocket client sent in the URL', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const tracesDir = await mkdtemp(join(tmpdir(), 'aime-request-log-'));
    const app = await buildApp({
      settings: { concurrency: 1, tracesDir, apiToken: TOKEN },
      executor: async () => undefined,
      dashboardDirectory: null,
      logger: { level: 'trace', stream },
    });
    cleanup = async () => {
      await app.close();
      await rm(tracesDir, { recursive: true, force: true });
    };
    const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http://', 'ws://');
    const socket = await TestSocket.connect(`${base}/ws?token=${TOKEN}`);
    socket.close();
    await expect(TestSocket.connect(`${base}/ws?token=${TOKEN}-wrong`)).rejects.toThrow('HTTP 401');
    await app.inject({ method: 'GET', url: `/runs?token=${TOKEN}`, headers: { authorization: `Bearer ${TOKEN}` } });
    const log = lines.join('');
    expect(log).toContain('/ws?token=[redacted]');
    expect(log).not.toContain(TOKEN);
  });
});
