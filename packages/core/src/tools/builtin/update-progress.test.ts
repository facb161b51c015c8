import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { updateProgressTool } from './update-progress';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
});
afterEach(() => workspace.cleanup());

describe('update_progress', () => {
  it('reports status and message through the context', async () => {
    const result = await executeToolCall(
      updateProgressTool,
      '{"status":"in_progress","message":"listed the root"}',
      workspace.context(),
    );
    expect(result).toMatchObject({ ok: true, output: 'Progress recorded for task 1: in_progress — listed the root' });
    expect(workspace.progress).toEqual([{ status: 'in_progress', message: 'listed the root' }]);
  });

  it('rejects unknown statuses and empty messages without reporting', async () => {
    const bad = await executeToolCall(updateProgressTool, { status: 'done', message: 'x' }, workspace.context());
    expect(bad).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(bad.error).toContain('status');
    expect(
      (await executeToolCall(updateProgressTool, { status: 'failed', message: '' }, workspace.context())).error,
    ).toContain('message');
    expect(workspace.progress).toEqual([]);
  });
});
