import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { createBuiltinRegistry } from '../registry/create-builtin-registry';
import { executeToolCall } from '../registry/execute-tool-call';
import { createSearxngSearchBackend } from '../web-search/searxng-search-backend';
import { createWebSearchTool } from './web-search';

let workspace: TemporaryWorkspace;
let server: Server | undefined;
const received: string[] = [];

beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  received.length = 0;
});
afterEach(async () => {
  await workspace.cleanup();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function startSearchServer(handler: (url: URL) => { status: number; body: string }): Promise<string> {
  const created = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    received.push(url.pathname + url.search);
    const { status, body } = handler(url);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

describe('web_search', () => {
  it('searches the workspace offline by default and says clearly that it is offline', async () => {
    await writeFile(
      join(workspace.root, 'gepa.md'),
      '# GEPA notes\nReflective prompt evolution with Pareto selection.\n',
    );
    await writeFile(join(workspace.root, 'other.md'), 'Nothing relevant.\n');
    const tool = createWebSearchTool();
    expect(tool.description).toContain('OFFLINE');
    const result = await executeToolCall(tool, { query: 'pareto prompt evolution' }, workspace.context());
    expect(result.output).toBe(
      [
        'Offline search (no internet access): these are workspace files matching "pareto prompt evolution", not web pages.',
        '1. gepa.md — GEPA notes',
        '   gepa.md',
        '   Reflective prompt evolution with Pareto selection.',
      ].join('\n'),
    );
    expect(result.references).toEqual(['gepa.md']);
    const none = await executeToolCall(tool, { query: 'quantum chromodynamics' }, workspace.context());
    expect(none.output).toContain('Offline search (no internet access)');
    expect(none.output).toContain('No results.');
  });

  it('queries a SearXNG-style JSON API and formats titles, URLs and snippets', async () => {
    const url = await startSearchServer((request) => ({
      status: 200,
      body: JSON.stringify({
        query: request.searchParams.get('q'),
        results: [
          { title: 'GEPA paper', url: 'https://arxiv.org/abs/2507.19457', content: 'Reflective prompt evolution' },
          { url: 'https://example.org/untitled' },
          { title: 'third', url: 'https://example.org/3', content: 'cut by maxResults' },
        ],
      }),
    }));
    const tool = createWebSearchTool(createSearxngSearchBackend({ url: `${url}/` }));
    const result = await executeToolCall(tool, { query: 'gepa & aime', maxResults: 2 }, workspace.context());
    expect(received).toEqual(['/search?q=gepa+%26+aime&format=json']);
    expect(result.output).toBe(
      [
        `Web results from searxng ${new URL(url).host} for "gepa & aime":`,
        '1. GEPA paper',
        '   https://arxiv.org/abs/2507.19457',
        '   Reflective prompt evolution',
        '2. https://example.org/untitled',
      ].join('\n'),
    );
    expect(result.references).toEqual(['https://arxiv.org/abs/2507.19457', 'https://example.org/untitled']);
  });

  it('turns HTTP errors, bad bodies and unreachable services into clear observations', async () => {
    const url = await startSearchServer((request) =>
      request.searchParams.get('q') === 'bad' ? { status: 200, body: '{"nothing":1}' } : { status: 503, body: '{}' },
    );
    const tool = createWebSearchTool(createSearxngSearchBackend({ url }));
    expect((await executeToolCall(tool, { query: 'x' }, workspace.context())).error).toContain('answered HTTP 503');
    expect((await executeToolCall(tool, { query: 'bad' }, workspace.context())).error).toContain(
      'without a results list',
    );
    const closed = createWebSearchTool(createSearxngSearchBackend({ url: 'http://127.0.0.1:9' }));
    const unreachable = await executeToolCall(closed, { query: 'x' }, workspace.context());
    expect(unreachable).toMatchObject({ ok: false, errorCode: 'search_backend_error' });
    expect(unreachable.error).toContain('unreachable');
  });

  it('is configured from tool_bundles.json options or explicit settings', async () => {
    const url = await startSearchServer(() => ({ status: 200, body: '{"results":[]}' }));
    const fromBundles = createBuiltinRegistry({
      env: {},
      toolBundles: {
        research: {
          name: 'research',
          description: '',
          tools: [{ name: 'web_search', options: { backend: 'searxng', url } }],
        },
      },
    });
    const output = (await executeToolCall(fromBundles.get('web_search')!, { query: 'q' }, workspace.context())).output;
    expect(output).toContain('Web results from searxng');
    expect(received).toEqual(['/search?q=q&format=json']);
    received.length = 0;
    const fromEnvironment = createBuiltinRegistry({ env: { AIME_SEARCH_URL: url } });
    await executeToolCall(fromEnvironment.get('web_search')!, { query: 'env' }, workspace.context());
    expect(received).toEqual(['/search?q=env&format=json']);
    expect(createBuiltinRegistry({ env: {} }).get('web_search')?.description).toContain('OFFLINE');
    expect(() => createBuiltinRegistry({ env: { AIME_SEARCH_BACKEND: 'searxng' } })).toThrow(/AIME_SEARCH_URL/);
    const offline = createBuiltinRegistry({ webSearch: { backend: 'offline' }, env: { AIME_SEARCH_URL: url } });
    expect(offline.get('web_search')?.description).toContain('OFFLINE');
    expect(() =>
      createBuiltinRegistry({
        toolBundles: {
          b: { name: 'b', description: '', tools: [{ name: 'web_search', options: { backend: 'searxng' } }] },
        },
      }),
    ).toThrow(/web_search options in bundle "b": url/);
  });
});
