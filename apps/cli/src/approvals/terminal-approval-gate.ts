import { createInterface } from 'node:readline';
import type { ApprovalDecision, ApprovalGate, ApprovalRequest } from '@gepa-aime/core';

const MAX_SHOWN_CHARS = 4000;

/**
 * Asks the person at the terminal: prints the tool, its arguments (the diff for write_file over an
 * existing file) and reads y/n. Requests from parallel actors are asked one at a time; anything
 * but y/yes denies, and a line after "n" becomes the note (`n not there`).
 */
export function createTerminalApprovalGate(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): ApprovalGate {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    request(request, signal) {
      const asked = queue.then(() => ask(input, output, request, signal));
      queue = asked.catch(() => undefined);
      return asked;
    },
  };
}

function ask(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  request: ApprovalRequest,
  signal: AbortSignal,
): Promise<ApprovalDecision> {
  signal.throwIfAborted();
  const shown = request.diff ?? JSON.stringify(request.args, null, 2);
  output.write(
    `\nApproval needed (task ${request.taskId}): ${request.tool} — ${request.reason}\n` +
      `${shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS)}\n[…]` : shown}\n`,
  );
  const lines = createInterface({ input, output, terminal: false });
  return new Promise<ApprovalDecision>((resolve, reject) => {
    const finish = (): void => {
      signal.removeEventListener('abort', onAbort);
      lines.close();
    };
    const onAbort = (): void => {
      finish();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    lines.question(`Run ${request.tool}? [y/N] `, (answer) => {
      finish();
      const [word = '', ...rest] = answer.trim().split(/\s+/);
      const note = rest.join(' ');
      if (/^y(es)?$/i.test(word)) resolve({ decision: 'approve', by: 'operator', ...(note ? { note } : {}) });
      else resolve({ decision: 'deny', by: 'operator', ...(note ? { note } : {}) });
    });
  });
}
