import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everythingServer, filesystemServer, mcpToolBundle } from '../../testing/mcp-servers';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { MCPBundle } from './mcp-bundle';
import { bundleTool } from './mcp-test-support';

let workspace: TemporaryWorkspace;
/** Bundles of one test (closed after it) and bundles shared by a describe block (closed at the end). */
const bundles: MCPBundle[] = [];
const sharedBundles: MCPBundle[] = [];

beforeAll(async () => {
  workspace = await createTemporaryWorkspace();
  await writeFile(join(workspace.root, 'notes.md'), '# Notes\nMCP works.\n');
});
afterEach(async () => {
  await Promise.all(bundles.splice(0).map((bundle) => bundle.close()));
});
afterAll(async () => {
  await Promise.all(sharedBundles.map((bundle) => bundle.close()));
  await workspace.cleanup();
});

function open(name: string, mcp: Parameters<typeof mcpToolBundle>[1]): MCPBundle {
  const bundle = new MCPBundle(mcpToolBundle(name, mcp), {
    workspaceRoot: workspace.root,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  bundles.push(bundle);
  return bundle;
}

function shared(name: string, mcp: Parameters<typeof mcpToolBundle>[1]): MCPBundle {
  const bundle = new MCPBundle(mcpToolBundle(name, mcp), { workspaceRoot: workspace.root });
  sharedBundles.push(bundle);
  return bundle;
}

describe('MCP bundle over stdio: @modelcontextprotocol/server-filesystem', () => {
  let fs: MCPBundle;
  beforeAll(() => {
    fs = shared('fs', filesystemServer());
  });

  it('lists the server tools as <bundle>__<tool> with the server input schema', async () => {
    expect(fs.tools()).toEqual([]);
    expect(fs.status().state).toBe('idle');
    await fs.prepare();
    const names = fs.tools().map((item) => item.name);
    expect(names).toContain('fs__read_text_file');
    expect(names).toContain('fs__write_file');
    const read = bundleTool(fs, 'fs__read_text_file');
    expect(read.source).toEqual({ kind: 'mcp', bundle: 'fs', tool: 'read_text_file' });
    expect(read.description.startsWith('[MCP fs]')).toBe(true);
    expect(read.inputSchema).toMatchObject({ type: 'object', required: ['path'] });
    expect(bundleTool(fs, 'fs__write_file').annotations).toMatchObject({ readOnly: false });
    expect(fs.status()).toMatchObject({ state: 'ready', starts: 1 });
  });

  it('reads and writes workspace files through the real server', async () => {
    await fs.prepare();
    const read = await executeToolCall(
      bundleTool(fs, 'fs__read_text_file'),
      { path: join(workspace.root, 'notes.md') },
      workspace.context(),
    );
    expect(read).toMatchObject({ ok: true, output: '# Notes\nMCP works.\n' });
    const write = await executeToolCall(
      bundleTool(fs, 'fs__write_file'),
      JSON.stringify({ path: join(workspace.root, 'out.txt'), content: 'written by MCP' }),
      workspace.context(),
    );
    expect(write.ok).toBe(true);
    expect(await readFile(join(workspace.root, 'out.txt'), 'utf8')).toBe('written by MCP');
  });

  it('returns schema violations to the model before calling the server', async () => {
    await fs.prepare();
    const outcome = await executeToolCall(bundleTool(fs, 'fs__read_text_file'), { head: 'three' }, workspace.context());
    expect(outcome).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(outcome.output).toContain('path: required');
    expect(outcome.output).toContain('head: must be number');
  });

  it('turns isError results into tool errors (the server refuses paths outside its root)', async () => {
    await fs.prepare();
    const outcome = await executeToolCall(
      bundleTool(fs, 'fs__read_text_file'),
      { path: join(workspace.outside, 'secret.txt') },
      workspace.context(),
    );
    expect(outcome).toMatchObject({ ok: false, errorCode: 'mcp_tool_error' });
    expect(outcome.output).toMatch(/^fs__read_text_file failed \(mcp_tool_error\): .*Access denied/);
    expect(outcome.output).not.toContain('top secret');
  });
});

describe('MCP bundle over stdio: @modelcontextprotocol/server-everything', () => {
  let everything: MCPBundle;
  beforeAll(() => {
    everything = shared('everything', everythingServer({ GREETING: 'hello' }));
  });

  it('passes only the environment the entry names (no AIME_API_TOKEN, no model keys)', async () => {
    process.env.AIME_API_TOKEN = 'token-that-must-not-leak';
    process.env.AIME_API_KEY = 'model-key-that-must-not-leak';
    try {
      await everything.prepare();
      const outcome = await executeToolCall(bundleTool(everything, 'everything__get-env'), {}, workspace.context());
      expect(outcome.ok).toBe(true);
      const environment = JSON.parse(outcome.output) as Record<string, string>;
      expect(environment.GREETING).toBe('hello');
      expect(outcome.output).not.toContain('must-not-leak');
      expect(Object.keys(environment).filter((key) => key.startsWith('AIME_'))).toEqual([]);
    } finally {
      delete process.env.AIME_API_TOKEN;
      delete process.env.AIME_API_KEY;
    }
  });

  it('summarises images and lists resource links as references', async () => {
    await everything.prepare();
    const image = await executeToolCall(bundleTool(everything, 'everything__get-tiny-image'), {}, workspace.context());
    expect(image.ok).toBe(true);
    expect(image.output).toMatch(/\[image: image\/png, \d+(\.\d)? (B|KiB)\]/);
    expect(image.output).not.toMatch(/[A-Za-z0-9+/]{200}/);
    const links = await executeToolCall(
      bundleTool(everything, 'everything__get-resource-links'),
      { count: 2 },
      workspace.context(),
    );
    expect(links.ok).toBe(true);
    expect(links.output).toContain('[resource link:');
    expect(links.references).toHaveLength(2);
  });

  it('times out a long-running call and stays usable (same process)', async () => {
    await everything.prepare();
    const slow = await executeToolCall(
      bundleTool(everything, 'everything__trigger-long-running-operation'),
      { duration: 5, steps: 5 },
      workspace.context(),
      { timeoutMs: 300 },
    );
    expect(slow).toMatchObject({ ok: false, errorCode: 'timeout' });
    const echo = await executeToolCall(
      bundleTool(everything, 'everything__echo'),
      { message: 'still here' },
      workspace.context(),
    );
    expect(echo).toMatchObject({ ok: true, output: 'Echo: still here' });
    expect(everything.status().starts).toBe(1);
  });

  it("passes the server's progress notifications of a long-running call to the task's progress", async () => {
    await everything.prepare();
    workspace.progress.splice(0);
    const outcome = await executeToolCall(
      bundleTool(everything, 'everything__trigger-long-running-operation'),
      { duration: 1.2, steps: 3 },
      workspace.context(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.output).toContain('Long running operation completed');
    // One message per step; the last step's notification may lose the race with the call's result.
    expect(workspace.progress.slice(0, 2)).toEqual([
      { status: 'in_progress', message: 'everything__trigger-long-running-operation: 1/3' },
      { status: 'in_progress', message: 'everything__trigger-long-running-operation: 2/3' },
    ]);
    expect(workspace.progress.length).toBeLessThanOrEqual(3);
  });

  it('cancels a call when the run is cancelled', async () => {
    await everything.prepare();
    const controller = new AbortController();
    const pending = executeToolCall(
      bundleTool(everything, 'everything__trigger-long-running-operation'),
      { duration: 5, steps: 5 },
      workspace.context(controller.signal),
    );
    setTimeout(() => controller.abort(new Error('cancelled')), 100);
    expect(await pending).toMatchObject({ ok: false, errorCode: 'cancelled' });
  });

  it('fails the call in flight clearly when the server dies, then restarts it on the next call', async () => {
    const everything = open('everything-restart', everythingServer());
    await everything.prepare();
    const pid = everything.status().pid;
    expect(pid).toBeGreaterThan(0);
    const pending = executeToolCall(
      bundleTool(everything, 'everything-restart__trigger-long-running-operation'),
      { duration: 5, steps: 5 },
      workspace.context(),
    );
    setTimeout(() => process.kill(pid as number, 'SIGKILL'), 200);
    const failed = await pending;
    expect(failed).toMatchObject({ ok: false, errorCode: 'mcp_server_exited' });
    expect(failed.output).toContain('MCP server "everything-restart" exited during the call');
    expect(everything.status().state).toBe('waiting-to-restart');
    const echo = await executeToolCall(
      bundleTool(everything, 'everything-restart__echo'),
      { message: 'back' },
      workspace.context(),
    );
    expect(echo).toMatchObject({ ok: true, output: 'Echo: back' });
    expect(everything.status()).toMatchObject({ state: 'ready', starts: 2 });
    expect(everything.status().pid).not.toBe(pid);
  });

  it('reports a server that cannot start as unavailable, with its stderr', async () => {
    const broken = open('broken', {
      command: process.execPath,
      args: ['-e', 'console.error("no config here"); process.exit(3)'],
      env: {},
    });
    await expect(broken.prepare()).rejects.toMatchObject({ code: 'mcp_server_unavailable' });
    await expect(broken.prepare()).rejects.toThrow(/MCP server "broken" could not start: .*no config here/);
    expect(broken.status().state).toBe('waiting-to-restart');
  });

  it('stops the server process on close', async () => {
    const everything = open('everything-close', everythingServer());
    await everything.prepare();
    const pid = everything.status().pid as number;
    await everything.close();
    expect(everything.status().state).toBe('closed');
    await expect.poll(() => isAlive(pid), { timeout: 5000 }).toBe(false);
    await expect(everything.prepare()).rejects.toMatchObject({ code: 'mcp_server_closed' });
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
