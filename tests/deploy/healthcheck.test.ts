import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from './compose-files';
import { healthcheckCommand, readDockerfile } from './dockerfile';

const runFile = promisify(execFile);

/** The runtime stage's HEALTHCHECK command, read when a test runs (a broken Dockerfile fails tests, not collection). */
function imageHealthcheckCommand(): string[] {
  const runtimeStage = readDockerfile(repositoryRoot).stages.at(-1);
  if (!runtimeStage) throw new Error('the Dockerfile has no stage');
  return healthcheckCommand(runtimeStage);
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A stand-in for the service's /health: 200 only with the right bearer token, like the real server behind 0.0.0.0. */
async function serveHealth(status: number): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    const authorized = request.headers.authorization === 'Bearer secret';
    response.statusCode = request.url === '/health' ? (authorized ? status : 401) : 404;
    response.end();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

async function probe(port: number, token: string): Promise<number> {
  const [program = '', ...programArguments] = imageHealthcheckCommand();
  const executable = program === 'node' ? process.execPath : program;
  try {
    await runFile(executable, programArguments, {
      env: { AIME_PORT: String(port), AIME_API_TOKEN: token },
      timeout: 15_000,
    });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe('image HEALTHCHECK probe', () => {
  it('is healthy when /health answers 200 and sends the bearer token', async () => {
    const { port, seen } = await serveHealth(200);
    expect(await probe(port, 'secret')).toBe(0);
    expect(seen).toEqual(['GET /health Bearer secret']);
  });

  it('is unhealthy when /health fails or refuses the token', async () => {
    const { port } = await serveHealth(503);
    expect(await probe(port, 'secret')).toBe(1);
    expect(await probe(port, 'wrong')).toBe(1);
  });

  it('is unhealthy when nothing listens', async () => {
    const { port } = await serveHealth(200);
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    expect(await probe(port, 'secret')).toBe(1);
  });
});
