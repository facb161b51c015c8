import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScaleOutApps } from '../test-support/postgres/scale-out-apps';
import { type TestApp, waitFor } from '../test-support/test-app';

const { scaleOutApp } = useScaleOutApps();

/** An API replica that executes nothing, and a replica whose worker runs with AIME_APPROVAL=risky. */
async function cluster(): Promise<{ api: TestApp; worker: TestApp }> {
  const api = await scaleOutApp({ worker: false });
  const worker = await scaleOutApp({ runtimeEnv: { AIME_APPROVAL: 'risky' } });
  return { api, worker };
}

type Detail = {
  status: string;
  approvals: Array<{ toolCallId: string; tool: string; decision?: string; note?: string; by?: string }>;
};

async function detail(app: TestApp, runId: string): Promise<Detail> {
  return (await app.app.inject({ url: `/runs/${runId}` })).json() as Detail;
}

async function openApproval(app: TestApp, runId: string) {
  return waitFor(async () => {
    const run = await detail(app, runId);
    return run.status === 'waiting' ? run.approvals.find((approval) => approval.decision === undefined) : undefined;
  }, 30_000);
}

function answer(app: TestApp, runId: string, callId: string, payload: { decision: string; note?: string }) {
  return app.app.inject({
    method: 'POST',
    url: `/runs/${runId}/approvals/${encodeURIComponent(callId)}`,
    payload,
  });
}

describe('approvals in the scale-out mode (answered on one replica, the run executed by another worker)', () => {
  it('an approval taken by the API replica reaches the worker through PostgreSQL and the call runs', async () => {
    const { api, worker } = await cluster();
    const posted = await api.app.inject({
      method: 'POST',
      url: '/runs',
      payload: { goal: "Write 'approved through PostgreSQL' to approved.txt", maxIterations: 3 },
    });
    const runId = posted.json().id as string;
    const pending = await openApproval(api, runId);
    expect(pending.tool).toBe('write_file');

    const approved = await answer(api, runId, pending.toolCallId, { decision: 'approve', note: 'fine' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ toolCallId: pending.toolCallId, decision: 'approve', by: 'operator' });
    await waitFor(async () => (await detail(api, runId)).status === 'completed', 30_000);
    expect(readFileSync(join(worker.workspace, 'approved.txt'), 'utf8')).toBe('approved through PostgreSQL\n');
    // Answered once: a second answer finds no open request.
    expect((await answer(api, runId, pending.toolCallId, { decision: 'deny' })).statusCode).toBe(404);
  });

  it('a denial reaches the worker, and the model is given the note', async () => {
    const { api, worker } = await cluster();
    const posted = await api.app.inject({
      method: 'POST',
      url: '/runs',
      payload: { goal: "Write 'never' to denied.txt", maxIterations: 1 },
    });
    const runId = posted.json().id as string;
    const pending = await openApproval(api, runId);
    const denied = await answer(api, runId, pending.toolCallId, { decision: 'deny', note: 'not on this cluster' });
    expect(denied.statusCode).toBe(200);
    const events = await waitFor(async () => {
      const body = (await api.app.inject({ url: `/runs/${runId}/events` })).json() as {
        events: Array<{ type: string; callId?: string; error?: string; output?: string }>;
      };
      return body.events.find((event) => event.type === 'tool-result' && event.callId === pending.toolCallId);
    }, 30_000);
    expect(`${events.error ?? ''} ${events.output ?? ''}`).toContain(
      'write_file was denied by the operator: not on this cluster',
    );
    expect(existsSync(join(worker.workspace, 'denied.txt'))).toBe(false);
  });

  it('answers 404 for a call that is not waiting', async () => {
    const { api } = await cluster();
    const posted = await api.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the workspace' } });
    const runId = posted.json().id as string;
    expect((await answer(api, runId, 'no-such-call', { decision: 'approve' })).statusCode).toBe(404);
  });
});
