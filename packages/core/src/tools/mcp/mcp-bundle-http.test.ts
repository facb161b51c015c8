import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mcpToolBundle } from '../../testing/mcp-servers';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { MCPBundle } from './mcp-bundle';
import { bundleTool } from './mcp-test-support';

const TOKEN = 'http-test-token';
let workspace: TemporaryWorkspace;
let httpServer: Server;
let url: string;
let mcp: McpServer;
const cancelledCalls: string[] = [];
const receivedAuthorization: Array<string | undefined> = [];

/** A real MCP server (the SDK's McpServer over Streamable HTTP) on 127.0.0.1, behind a bearer token. */
beforeAll(async () => {
  workspace = await createTemporaryWorkspace();
  mcp = new McpServer(
    { name: 'test-http-server', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true } } },
  );
  mcp.registerTool(
    'add',
    { description: 'Add two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  mcp.registerTool(
    'wait-for-cancel',
    { description: 'Waits until the client cancels', inputSchema: { label: z.string() } },
    async ({ label }, extra) => {
      await new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve(), { once: true }));
      cancelledCalls.push(label);
      return { content: [{ type: 'text', text: 'cancelled' }] };
    },
  );
  mcp.registerTool('fail', { description: 'Always reports an error', inputSchema: {} }, async () => ({
    isError: true,
    content: [{ type: 'text', text: 'the database is read-only' }],
  }));
  mcp.registerTool(
    'publish',
    {
      description: 'Adds the "published" tool',
      inputSchema: {},
      annotations: { destructiveHint: true, openWorldHint: true },
    },
    async () => {
      mcp.registerTool('published', { description: 'Appeared later', inputSchema: {} }, async () => ({
        content: [{ type: 'text', text: 'new tool works' }],
      }));
      return { content: [{ type: 'text', text: 'published' }] };
    },
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await mcp.connect(transport);
  httpServer = createServer((request, response) => {
    receivedAuthorization.push(request.headers.authorization);
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401).end();
      return;
    }
    void transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  await mcp.close();
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
  await workspace.cleanup();
});

describe('MCP bundle over Streamable HTTP', () => {
  let bundle: MCPBundle;
  beforeAll(async () => {
    bundle = new MCPBundle(mcpToolBundle('remote', { url, headers: { authorization: `Bearer ${TOKEN}` } }), {
      workspaceRoot: workspace.root,
    });
    await bundle.prepare();
  });
  afterAll(() => bundle.close());

  it('sends the configured headers and calls the tools', async () => {
    expect(receivedAuthorization.length).toBeGreaterThan(0);
    expect(receivedAuthorization.every((value) => value === `Bearer ${TOKEN}`)).toBe(true);
    const sum = await executeToolCall(bundleTool(bundle, 'remote__add'), { a: 2, b: 40 }, workspace.context());
    expect(sum).toMatchObject({ ok: true, output: '42' });
    expect(bundleTool(bundle, 'remote__publish').annotations).toEqual({ destructive: true, openWorld: true });
  });

  it('validates arguments against the server schema before the call', async () => {
    const outcome = await executeToolCall(bundleTool(bundle, 'remote__add'), { a: 'two' }, workspace.context());
    expect(outcome).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(outcome.output).toContain('a: must be number');
    expect(outcome.output).toContain('b: required');
  });

  it('reports isError as a tool error', async () => {
    const outcome = await executeToolCall(bundleTool(bundle, 'remote__fail'), {}, workspace.context());
    expect(outcome).toMatchObject({ ok: false, errorCode: 'mcp_tool_error' });
    expect(outcome.output).toBe('remote__fail failed (mcp_tool_error): the database is read-only');
  });

  it('sends notifications/cancelled when the per-call timeout fires', async () => {
    const outcome = await executeToolCall(
      bundleTool(bundle, 'remote__wait-for-cancel'),
      { label: 'timeout-1' },
      workspace.context(),
      {
        timeoutMs: 200,
      },
    );
    expect(outcome).toMatchObject({ ok: false, errorCode: 'timeout' });
    await expect.poll(() => cancelledCalls).toContain('timeout-1');
  });

  it('refreshes its tools on tools/list_changed', async () => {
    expect(bundle.tools().map((item) => item.name)).not.toContain('remote__published');
    const outcome = await executeToolCall(bundleTool(bundle, 'remote__publish'), {}, workspace.context());
    expect(outcome.ok).toBe(true);
    await expect.poll(() => bundle.tools().map((item) => item.name), { timeout: 5000 }).toContain('remote__published');
    const added = await executeToolCall(bundleTool(bundle, 'remote__published'), {}, workspace.context());
    expect(added).toMatchObject({ ok: true, output: 'new tool works' });
  });

  it('cannot connect without the header the server requires', async () => {
    const anonymous = new MCPBundle(mcpToolBundle('anonymous', { url, headers: {} }), {
      workspaceRoot: workspace.root,
    });
    try {
      await expect(anonymous.prepare()).rejects.toMatchObject({ code: 'mcp_server_unavailable' });
    } finally {
      await anonymous.close();
    }
  });
});
