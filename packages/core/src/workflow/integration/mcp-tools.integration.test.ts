import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOOL_BUNDLES } from '../../config/tool-bundles';
import type { RunEvent, WorkflowReport } from '../../protocol/run-events';
import { agentHandler, finishCall, messagesOf } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import { everythingServer, filesystemServer } from '../../testing/mcp-servers';
import { expectValidEventLog, tempWorkspace } from '../../testing/workflow-fixtures';
import { createAIMERuntime } from '../create-runtime';

let server: FakeOpenAIServer;
const directories: string[] = [];
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(async () => {
  await server.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/**
 * A config directory whose tool_bundles.json adds `fs` (@modelcontextprotocol/server-filesystem
 * rooted at the workspace) and `everything` (@modelcontextprotocol/server-everything).
 */
function configWithFilesystemBundle(): string {
  const directory = mkdtempSync(join(tmpdir(), 'aime-mcp-config-'));
  directories.push(directory);
  const bundles = {
    default: DEFAULT_TOOL_BUNDLES.default?.tools,
    fs: { description: 'Files through the MCP filesystem server', mcp: filesystemServer() },
    everything: { description: 'The MCP test server', mcp: everythingServer() },
  };
  writeFileSync(join(directory, 'tool_bundles.json'), JSON.stringify(bundles));
  return directory;
}

/** Runs `goal` in `root` against the fake model scripted by `script`, with the MCP bundles above. */
async function runScripted(
  root: string,
  goal: string,
  script: Parameters<typeof agentHandler>[0],
): Promise<{ report: WorkflowReport; events: RunEvent[] }> {
  server.setHandler(agentHandler(script));
  const runtime = await createAIMERuntime({
    configDirectory: configWithFilesystemBundle(),
    workspaceRoot: root,
    env: { AIME_PROVIDER: 'vllm', AIME_API_BASE: server.url, AIME_MODEL: 'fake-model' },
    optimizer: null,
  });
  try {
    const events: RunEvent[] = [];
    const report = await runtime.workflow.run(goal, { onEvent: (event) => void events.push(event) });
    expectValidEventLog(events);
    return { report, events };
  } finally {
    await runtime.close();
  }
}

describe('an actor using an MCP tool (fake OpenAI-compatible server, real MCP server)', () => {
  it('plans with the bundle, calls <bundle>__<tool> and reads the observation', async () => {
    const root = tempWorkspace();
    directories.push(root);
    writeFileSync(join(root, 'notes.md'), 'The launch is on Tuesday.\n');
    const tasks = [{ id: '1', title: 'Read notes.md through the filesystem server', bundles: ['fs'] }];
    const { report, events } = await runScripted(root, 'What does notes.md say?', {
      planner: [
        { tasks, next: ['1'] },
        { done: true, finalAnswer: 'The launch is on Tuesday [1].' },
      ],
      actors: {
        '1': [
          { toolCalls: [{ name: 'fs__read_text_file', arguments: { path: join(root, 'notes.md') } }] },
          finishCall('notes.md says the launch is on Tuesday.'),
        ],
      },
    });
    expect(report.status).toBe('completed');

    const plannerPrompt = String(messagesOf(server.modelRequests()[0]?.body ?? {}).at(-1)?.content);
    expect(plannerPrompt).toMatch(
      /- fs \(MCP server "fs": its tools are named fs__<tool>\) — Files through the MCP filesystem server: .*fs__read_text_file/,
    );
    const taskStart = events.find((event) => event.type === 'task-start');
    expect(taskStart?.type === 'task-start' && taskStart.tools).toContain('fs__write_file');
    const actorRequest = server.modelRequests().find((request) => !request.body?.response_format);
    const offered = (
      (actorRequest?.body?.tools ?? []) as Array<{ function: { name: string; parameters: unknown } }>
    ).find((tool) => tool.function.name === 'fs__read_text_file');
    expect(offered?.function.parameters).toMatchObject({ type: 'object', required: ['path'] });

    const call = events.find((event) => event.type === 'tool-call');
    expect(call).toMatchObject({ tool: 'fs__read_text_file', bundle: 'fs' });
    const result = events.find((event) => event.type === 'tool-result');
    expect(result).toMatchObject({
      tool: 'fs__read_text_file',
      bundle: 'fs',
      ok: true,
      output: 'The launch is on Tuesday.\n',
    });
    const step = events.find((event) => event.type === 'actor-step' && event.action === 'fs__read_text_file');
    expect(step).toMatchObject({ bundle: 'fs' });
    const followUp = server.modelRequests().filter((request) => !request.body?.response_format)[1];
    expect(JSON.stringify(followUp?.body?.messages)).toContain('The launch is on Tuesday.');
  });

  it("shows a long-running MCP call's progress notifications as the task's progress", async () => {
    const root = tempWorkspace();
    directories.push(root);
    const tasks = [{ id: '1', title: 'Run the long operation', bundles: ['everything'] }];
    const { report, events } = await runScripted(root, 'Run the long operation', {
      planner: [
        { tasks, next: ['1'] },
        { done: true, finalAnswer: 'The long operation completed [1].' },
      ],
      actors: {
        '1': [
          { toolCalls: [{ name: 'everything__trigger-long-running-operation', arguments: { duration: 1, steps: 2 } }] },
          finishCall('The long operation completed.'),
        ],
      },
    });
    expect(report.status).toBe('completed');
    const callSeq = events.find((event) => event.type === 'tool-call')?.seq ?? 0;
    const resultSeq = events.find((event) => event.type === 'tool-result')?.seq ?? 0;
    const progress = events.filter(
      (event) => event.type === 'progress-update' && event.message.startsWith('everything__'),
    );
    // The first step's notification (the last one may lose the race with the call's result).
    expect(progress.map((event) => event.type === 'progress-update' && event.message)[0]).toBe(
      'everything__trigger-long-running-operation: 1/2',
    );
    // Reported while the call ran: between its tool-call and tool-result events.
    for (const event of progress) {
      expect(event.seq).toBeGreaterThan(callSeq);
      expect(event.seq).toBeLessThan(resultSeq);
    }
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({ bundle: 'everything', ok: true });
  });
});
