import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../apps/server/src/test-support/test-app';

const run = promisify(execFile);
const repositoryRoot = join(import.meta.dirname, '..', '..');

/** The README's ```js block whose first line is `// <name> — …`. */
async function snippet(name: string): Promise<string> {
  const readme = await readFile(join(repositoryRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((code) => code.startsWith(`// ${name} `));
  if (!block) throw new Error(`README.md has no js snippet starting with // ${name}`);
  return block;
}

let harness: TestApp;
let base: string;
let runId: string;
let expected: string[];
let scripts: string;

beforeAll(async () => {
  harness = await createTestApp();
  base = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  const created = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } });
  runId = created.json().id;
  await waitFor(async () => {
    const detail = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
    return detail.status === 'completed' || undefined;
  });
  const events = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}/events?limit=5000` })).json().events;
  expected = events.map((event: { seq: number; type: string }) => `${event.seq} ${event.type}`);
  scripts = await mkdtemp(join(tmpdir(), 'aime-snippets-'));
});

afterAll(async () => {
  await harness?.cleanup();
  if (scripts) await rm(scripts, { recursive: true, force: true });
});

describe("the README's live-event snippets run on this Node with no package installed", () => {
  it.each(['follow-events.mjs', 'follow-websocket.mjs'])('%s prints every event of a run', async (name) => {
    const file = join(scripts, name);
    await writeFile(file, await snippet(name));
    // The flag the README gives: needed on Node 20 for the WebSocket global, ignored by 22+.
    const { stdout } = await run(process.execPath, ['--experimental-websocket', file, runId], {
      cwd: scripts,
      env: { PATH: process.env.PATH, AIME: base },
      timeout: 20_000,
    });
    expect(stdout.trim().split('\n')).toEqual(expected);
  });
});
