import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config';
import { createModel } from '../../llm/create-model';
import type { RunEvent } from '../../protocol/run-events';
import { agentHandler, finishCall, messagesOf } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import { tempWorkspace } from '../../testing/workflow-fixtures';
import type { ApprovalDecision, ApprovalGate, ApprovalRequest } from '../../tools/approval/approval-gate';
import { AIMEWorkflow } from '../aime-workflow';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const tasks = [{ id: '1', title: 'Write notes.md', bundles: ['default'] }];

/** The planner asks for one task; the actor writes notes.md, then finishes with whatever it saw. */
function scriptWrite(root: string) {
  writeFileSync(join(root, 'notes.md'), 'old line\n');
  server.setHandler(
    agentHandler({
      planner: [
        { tasks, next: ['1'] },
        { done: true, finalAnswer: 'done [1]' },
      ],
      actors: {
        '1': [
          { toolCalls: [{ name: 'write_file', arguments: { path: 'notes.md', content: 'new line\n' } }] },
          finishCall('finished'),
        ],
      },
    }),
  );
}

function workflow(root: string, mode: 'off' | 'risky' | 'all', timeoutSeconds = 60) {
  const config = loadConfig({
    directory: mkdtempSync(join(tmpdir(), 'aime-config-')),
    env: { AIME_PROVIDER: 'vllm', AIME_API_BASE: server.url, AIME_MODEL: 'fake-model' },
  });
  config.model.max_retries = 0;
  return new AIMEWorkflow({
    config,
    model: createModel(config, { retryBaseDelayMs: 1 }),
    workspaceRoot: root,
    approval: { mode, timeoutSeconds },
  });
}

/** A gate that records requests and answers with `answer` (or waits forever when it is undefined). */
function recordingGate(answer?: ApprovalDecision): ApprovalGate & { requests: ApprovalRequest[] } {
  const requests: ApprovalRequest[] = [];
  return {
    requests,
    request: (request, signal) => {
      requests.push(request);
      if (answer) return Promise.resolve(answer);
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    },
  };
}

function secondActorPrompt(): string {
  const actorRequests = server.modelRequests().filter((request) => !request.body?.response_format);
  return JSON.stringify(messagesOf(actorRequests[1]?.body ?? {}));
}

describe('human approval of risky tool calls (fake OpenAI-compatible server)', () => {
  it('asks before write_file with a diff of the existing file, and runs the call when approved', async () => {
    const root = tempWorkspace();
    scriptWrite(root);
    const gate = recordingGate({ decision: 'approve', by: 'operator' });
    const events: RunEvent[] = [];
    const report = await workflow(root, 'risky').run('Write notes', {
      approvals: gate,
      onEvent: (event) => void events.push(event),
    });
    expect(report.status).toBe('completed');
    expect(gate.requests).toHaveLength(1);
    expect(gate.requests[0]).toMatchObject({ tool: 'write_file', args: { path: 'notes.md', content: 'new line\n' } });
    expect(gate.requests[0]?.diff).toContain('-old line\n+new line');
    const types = events.map((event) => event.type);
    expect(types.indexOf('approval-requested')).toBeLessThan(types.indexOf('approval-resolved'));
    expect(types.indexOf('approval-resolved')).toBeLessThan(types.indexOf('tool-result'));
    expect(events.find((event) => event.type === 'approval-resolved')).toMatchObject({
      decision: 'approve',
      by: 'operator',
    });
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('new line\n');
  });

  it('turns a denial into an observation the model sees, and leaves the file alone', async () => {
    const root = tempWorkspace();
    scriptWrite(root);
    const gate = recordingGate({ decision: 'deny', note: 'keep the old notes', by: 'operator' });
    const events: RunEvent[] = [];
    await workflow(root, 'risky').run('Write notes', { approvals: gate, onEvent: (event) => void events.push(event) });
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('old line\n');
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({
      ok: false,
      error: 'write_file was denied by the operator: keep the old notes',
    });
    expect(secondActorPrompt()).toContain('write_file was denied by the operator: keep the old notes');
  });

  it('denies when nobody answers before the expiry', async () => {
    const root = tempWorkspace();
    scriptWrite(root);
    const events: RunEvent[] = [];
    await workflow(root, 'risky', 1).run('Write notes', {
      approvals: recordingGate(),
      onEvent: (event) => void events.push(event),
    });
    expect(events.find((event) => event.type === 'approval-resolved')).toMatchObject({
      decision: 'deny',
      by: 'expiry',
    });
    expect(secondActorPrompt()).toContain('write_file was denied: no operator answered within 1 s');
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('old line\n');
  });

  it('cancels a run while it waits for approval', async () => {
    const root = tempWorkspace();
    scriptWrite(root);
    const gate = recordingGate();
    const controller = new AbortController();
    const running = workflow(root, 'risky').run('Write notes', { approvals: gate, signal: controller.signal });
    await expect.poll(() => gate.requests.length).toBe(1);
    controller.abort(new Error('operator cancelled'));
    expect((await running).status).toBe('cancelled');
    expect(readFileSync(join(root, 'notes.md'), 'utf8')).toBe('old line\n');
  });

  it.each([
    ['off', 0],
    ['all', 1],
  ] as const)('AIME_APPROVAL=%s asks %i time(s) for list_dir', async (mode, asked) => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'List', bundles: ['default'] }], next: ['1'] },
          { done: true, finalAnswer: 'ok [1]' },
        ],
        actors: { '1': [{ toolCalls: [{ name: 'list_dir', arguments: {} }] }, finishCall('listed')] },
      }),
    );
    const gate = recordingGate({ decision: 'approve', by: 'operator' });
    await workflow(root, mode).run('List', { approvals: gate });
    expect(gate.requests).toHaveLength(asked);
    expect(existsSync(root)).toBe(true);
  });
});
