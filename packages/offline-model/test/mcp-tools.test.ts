import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AIMERuntime, createAIMERuntime, DEFAULT_TOOL_BUNDLES, type RunEvent } from '@gepa-aime/core';
import { everythingServer } from '@gepa-aime/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOfflineModel } from '../src/index';

// createAIMERuntime builds the configured model (the default provider, offline) through core's provider registry.
registerOfflineModel();

const directories: string[] = [];
let workspace: string;
let runtime: AIMERuntime;

/** The offline model with the default bundle and `everything` (@modelcontextprotocol/server-everything over stdio). */
beforeAll(async () => {
  const config = mkdtempSync(join(tmpdir(), 'aime-offline-mcp-config-'));
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'aime-offline-mcp-')));
  directories.push(config, workspace);
  writeFileSync(
    join(config, 'tool_bundles.json'),
    JSON.stringify({
      default: DEFAULT_TOOL_BUNDLES.default?.tools,
      everything: { description: 'The MCP test server: echo, sums, long operations', mcp: everythingServer() },
    }),
  );
  writeFileSync(join(workspace, 'README.md'), '# Demo\n\nA workspace for the MCP run.\n');
  runtime = await createAIMERuntime({ configDirectory: config, workspaceRoot: workspace, env: {}, optimizer: null });
});

afterAll(async () => {
  await runtime?.close();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

async function run(
  goal: string,
): Promise<{ events: RunEvent[]; report: Awaited<ReturnType<AIMERuntime['workflow']['run']>> }> {
  const events: RunEvent[] = [];
  const report = await runtime.workflow.run(goal, { onEvent: (event) => void events.push(event) });
  return { events, report };
}

function toolCalls(events: RunEvent[]) {
  return events.flatMap((event) => (event.type === 'tool-call' && event.tool !== 'update_progress' ? [event] : []));
}

describe('the offline model using an MCP tool (real @modelcontextprotocol/server-everything)', () => {
  it('plans the bundle for the task that names it and calls <bundle>__<tool> with arguments from the task', async () => {
    const { events, report } = await run("Echo 'hello from the offline model' with the everything server");
    expect(report.model).toBe('offline');
    expect(report.status, report.finalAnswer).toBe('completed');
    const plan = events.find((event) => event.type === 'plan-update');
    expect(plan?.type === 'plan-update' && plan.tasks[0]?.bundles).toEqual(['default', 'everything']);
    expect(toolCalls(events)).toMatchObject([
      { tool: 'everything__echo', bundle: 'everything', args: { message: 'hello from the offline model' } },
    ]);
    expect(events.find((event) => event.type === 'tool-result' && event.tool !== 'update_progress')).toMatchObject({
      tool: 'everything__echo',
      bundle: 'everything',
      ok: true,
      output: 'Echo: hello from the offline model',
    });
    expect(report.finalAnswer).toContain('Echo: hello from the offline model');
  });

  it('feeds the MCP result to the next task: sums through the server, then writes the answer to a file', async () => {
    const { events, report } = await run('Sum 19 and 23 with the everything server and write it to notes/sum.md');
    expect(report.status, report.finalAnswer).toBe('completed');
    expect(toolCalls(events).map((call) => [call.tool, call.args])).toEqual([
      ['everything__get-sum', { a: 19, b: 23 }],
      ['write_file', expect.objectContaining({ path: 'notes/sum.md' })],
    ]);
    expect(readFileSync(join(workspace, 'notes', 'sum.md'), 'utf8')).toContain('The sum of 19 and 23 is 42.');
  });

  it("shows a long MCP call's progress as the task's progress", async () => {
    const { events, report } = await run(
      'Run the long running operation of the everything server with duration 1 and steps 2',
    );
    expect(report.status, report.finalAnswer).toBe('completed');
    expect(toolCalls(events)).toMatchObject([
      { tool: 'everything__trigger-long-running-operation', args: { duration: 1, steps: 2 } },
    ]);
    const progress = events.flatMap((event) => (event.type === 'progress-update' ? [event.message] : []));
    expect(progress).toContain('everything__trigger-long-running-operation: 1/2');
    expect(report.finalAnswer).toContain('Long running operation completed. Duration: 1 seconds, Steps: 2.');
  });

  it('keeps to the built-in tools when no task names the server', async () => {
    const { events, report } = await run('Read README.md and summarise it');
    expect(report.status).toBe('completed');
    expect(toolCalls(events).map((call) => call.tool)).toEqual(['read_file']);
    expect(toolCalls(events).every((call) => call.bundle === undefined)).toBe(true);
  });
});
