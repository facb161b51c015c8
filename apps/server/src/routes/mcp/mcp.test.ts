import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';

const apps: TestApp[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((client) => client.close()));
  await Promise.all(apps.splice(0).map((app) => app.cleanup()));
});

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}/mcp`;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'mcp-route-test', version: '1.0.0' });
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function text(result: unknown, index = 0): string {
  const content = (result as { content: Array<{ type: string; text?: string }> }).content;
  return content[index]?.text ?? '';
}

describe('/mcp: GEPA-AIME as an MCP server over Streamable HTTP (SDK client)', () => {
  it('runs a goal with progress notifications, then serves get_run, list_runs and the resources', async () => {
    const testApp = await createTestApp();
    apps.push(testApp);
    const client = await connect(await listen(testApp.app));

    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name).sort()).toEqual(['get_run', 'list_runs', 'run_goal']);

    const progress: string[] = [];
    const result = await client.callTool(
      { name: 'run_goal', arguments: { goal: 'Summarise the repository layout', maxIterations: 3 } },
      undefined,
      { onprogress: (update) => progress.push(update.message ?? ''), timeout: 60_000 },
    );
    expect(result.isError).toBeUndefined();
    expect(text(result)).toMatch(/^Run run-\S+ completed\./);
    const { runId, status, report } = JSON.parse(text(result, 1)) as {
      runId: string;
      status: string;
      report: { finalAnswer: string };
    };
    expect(status).toBe('completed');
    expect(report.finalAnswer.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^run started/);
    expect(progress.some((message) => /^task \S+ started: /.test(message))).toBe(true);
    expect(progress.at(-1)).toBe('run completed');

    const detail = JSON.parse(text(await client.callTool({ name: 'get_run', arguments: { runId } }))) as {
      id: string;
      markdown: string;
    };
    expect(detail.id).toBe(runId);
    const listed = JSON.parse(text(await client.callTool({ name: 'list_runs', arguments: { limit: 5 } }))) as {
      runs: Array<{ id: string }>;
    };
    expect(listed.runs.map((run) => run.id)).toEqual([runId]);
    const missing = await client.callTool({ name: 'get_run', arguments: { runId: 'run-missing' } });
    expect(missing).toMatchObject({ isError: true, content: [{ text: 'No run with id run-missing' }] });

    const resources = await client.listResources();
    const checklistUri = `aime://runs/${runId}/checklist`;
    expect(resources.resources.map((resource) => resource.uri)).toContain(checklistUri);
    const checklist = await client.readResource({ uri: checklistUri });
    expect(checklist.contents[0]).toMatchObject({ mimeType: 'text/markdown', text: detail.markdown });
    expect(detail.markdown).toMatch(/- \[x\] /);
    const prompts = await client.readResource({ uri: 'aime://gepa/prompts' });
    expect(String((prompts.contents[0] as { text?: string } | undefined)?.text)).toMatch(/^# Current GEPA prompts/);
  });

  it('cancels the run when the client cancels the run_goal request', async () => {
    const testApp = await createTestApp();
    apps.push(testApp);
    const client = await connect(await listen(testApp.app));
    testApp.model.close();
    const controller = new AbortController();
    const call = client.callTool({ name: 'run_goal', arguments: { goal: 'List the workspace' } }, undefined, {
      signal: controller.signal,
    });
    const run = await waitFor(() => testApp.app.aime.manager.list({ limit: 1 }).runs[0]);
    await waitFor(() => testApp.model.waiting > 0);
    controller.abort(new Error('user pressed stop'));
    await expect(call).rejects.toThrow();
    await waitFor(() => testApp.app.aime.manager.get(run.id)?.status === 'cancelled');
  });

  it('sits behind the API token like every other route', async () => {
    const testApp = await createTestApp({ apiToken: 'secret-token' });
    apps.push(testApp);
    const url = await listen(testApp.app);
    await expect(connect(url)).rejects.toThrow();
    const client = await connect(url, { authorization: 'Bearer secret-token' });
    expect((await client.listTools()).tools).toHaveLength(3);
  });

  it('answers a request without a session, or with an unknown one, in the service error shape', async () => {
    const testApp = await createTestApp();
    apps.push(testApp);
    const withoutSession = await testApp.app.inject({
      method: 'POST',
      url: '/mcp',
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(withoutSession.statusCode).toBe(400);
    expect(withoutSession.json()).toMatchObject({ error: 'bad_request' });
    const unknown = await testApp.app.inject({ method: 'GET', url: '/mcp', headers: { 'mcp-session-id': 'nope' } });
    expect(unknown.statusCode).toBe(404);
  });
});
