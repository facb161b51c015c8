import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalApprovalGate } from './terminal-approval-gate';

const request = {
  taskId: '1',
  toolCallId: 'call-1',
  tool: 'write_file',
  args: { path: 'notes.md', content: 'new' },
  reason: 'write_file changes workspace files',
  expiresAt: Date.now() + 60_000,
  diff: '--- notes.md\n+++ notes.md\n-old\n+new',
};

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString('utf8');
  });
  return { input, output, shown: () => shown };
}

describe('createTerminalApprovalGate (interactive y/n)', () => {
  it('shows the tool and the diff, and approves on y', async () => {
    const { input, output, shown } = terminal();
    const pending = createTerminalApprovalGate(input, output).request(request, new AbortController().signal);
    input.write('y\n');
    expect(await pending).toEqual({ decision: 'approve', by: 'operator' });
    expect(shown()).toContain('Approval needed (task 1): write_file');
    expect(shown()).toContain('-old\n+new');
    expect(shown()).toContain('Run write_file? [y/N] ');
  });

  it('denies anything else, keeping the rest of the line as the note', async () => {
    const { input, output } = terminal();
    const pending = createTerminalApprovalGate(input, output).request(request, new AbortController().signal);
    input.write('n keep the old notes\n');
    expect(await pending).toEqual({ decision: 'deny', by: 'operator', note: 'keep the old notes' });
  });

  it('gives up when the run is cancelled', async () => {
    const { input, output } = terminal();
    const controller = new AbortController();
    const pending = createTerminalApprovalGate(input, output).request(request, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
