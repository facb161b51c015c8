import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';
import { TestSocket } from '../../test-support/ws-client';

const GOAL = 'Read README.md and write a summary to notes/summary.md';
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.cleanup()));
});

async function approvalApp(tracesDir?: string): Promise<TestApp> {
  const app = await createTestApp({ runtimeEnv: { AIME_APPROVAL: 'risky' }, ...(tracesDir ? { tracesDir } : {}) });
  apps.push(app);
  return app;
}

async function startRun(app: TestApp): Promise<string> {
  const response = await app.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL, maxIterations: 4 } });
  return (response.json() as { id: string }).id;
}

type Detail = {
  status: string;
  approvals: Array<{ toolCallId: string; tool: string; decision?: string; note?: string }>;
};

async function detail(app: TestApp, runId: string): Promise<Detail> {
  return (await app.app.inject({ method: 'GET', url: `/runs/${runId}` })).json() as Detail;
}

async function waitingApproval(app: TestApp, runId: string) {
  return waitFor(async () => {
    const run = await detail(app, runId);
    return run.status === 'waiting' ? run.approvals.find((approval) => approval.decision === undefined) : undefined;
  }, 20_000);
}

async function finished(app: TestApp, runId: string): Promise<Detail> {
  return waitFor(async () => {
    const run = await detail(app, runId);
    return ['completed', 'failed', 'limit-reached', 'cancelled'].includes(run.status) ? run : undefined;
  }, 20_000);
}

describe('approvals over REST and WebSocket (offline model, AIME_APPROVAL=risky)', () => {
  it('waits for approval of write_file, streams the request, and runs the call once approved', async () => {
    const app = await approvalApp();
    const address = await app.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = await TestSocket.connect(`${address.replace('http', 'ws')}/ws`);
    try {
      const runId = await startRun(app);
      socket.send({ type: 'subscribe', runId, afterSeq: 0 });
      const pending = await waitingApproval(app, runId);
      expect(pending.tool).toBe('write_file');
      const requested = await socket.waitForMessage((message) => message.type === 'approval-requested');
      expect(requested).toMatchObject({ runId, toolCallId: pending.toolCallId, tool: 'write_file' });

      const answer = await app.app.inject({
        method: 'POST',
        url: `/runs/${runId}/approvals/${encodeURIComponent(pending.toolCallId)}`,
        payload: { decision: 'approve' },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ toolCallId: pending.toolCallId, decision: 'approve', by: 'operator' });
      await socket.waitForMessage((message) => message.type === 'approval-resolved');
      const run = await finished(app, runId);
      expect(run.status).not.toBe('waiting');
      expect(existsSync(join(app.workspace, 'notes', 'summary.md'))).toBe(true);
      const again = await app.app.inject({
        method: 'POST',
        url: `/runs/${runId}/approvals/${encodeURIComponent(pending.toolCallId)}`,
        payload: { decision: 'deny' },
      });
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ error: 'approval_not_found' });
    } finally {
      socket.close();
    }
  });

  it('a denial becomes the observation the model sees; the file is not written', async () => {
    const app = await approvalApp();
    const runId = await startRun(app);
    const pending = await waitingApproval(app, runId);
    const bad = await app.app.inject({
      method: 'POST',
      url: `/runs/${runId}/approvals/${encodeURIComponent(pending.toolCallId)}`,
      payload: { decision: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    const answer = await app.app.inject({
      method: 'POST',
      url: `/runs/${runId}/approvals/${encodeURIComponent(pending.toolCallId)}`,
      payload: { decision: 'deny', note: 'not in notes/' },
    });
    expect(answer.json()).toMatchObject({ decision: 'deny', note: 'not in notes/' });
    // The model reacts to the observation (the offline model tries again, which asks again).
    const result = await waitFor(async () => {
      const events = (await app.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json() as {
        events: Array<{ type: string; callId?: string; ok?: boolean; error?: string }>;
      };
      return events.events.find((event) => event.type === 'tool-result' && event.callId === pending.toolCallId);
    });
    expect(result).toMatchObject({ ok: false, error: 'write_file was denied by the operator: not in notes/' });
    expect(existsSync(join(app.workspace, 'notes', 'summary.md'))).toBe(false);
    await app.app.inject({ method: 'POST', url: `/runs/${runId}/cancel` });
  });

  it('cancel while waiting ends the run as cancelled', async () => {
    const app = await approvalApp();
    const runId = await startRun(app);
    await waitingApproval(app, runId);
    const cancelled = await app.app.inject({ method: 'POST', url: `/runs/${runId}/cancel` });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(existsSync(join(app.workspace, 'notes', 'summary.md'))).toBe(false);
  });

  it('a restart while waiting marks the run interrupted with the open request in its log', async () => {
    const first = await approvalApp();
    const runId = await startRun(first);
    const pending = await waitingApproval(first, runId);
    const tracesDir = first.tracesDir;
    await first.app.close();
    const second = await approvalApp(tracesDir);
    const run = await detail(second, runId);
    expect(run.status).toBe('interrupted');
    expect(run.approvals).toEqual([expect.objectContaining({ toolCallId: pending.toolCallId, tool: 'write_file' })]);
    expect(run.approvals[0]?.decision).toBeUndefined();
    const log = readFileSync(join(tracesDir, 'runs', `${runId}.jsonl`), 'utf8');
    expect(log).toContain('"type":"approval-requested"');
    expect(log).not.toContain('"type":"approval-resolved"');
  });
});
