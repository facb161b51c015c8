import { createInterface } from 'node:readline';
import type { ApprovalDecision, ApprovalGate, ApprovalRequest } from '@gepa-aime/core';
import { questionLine } from './question-line';

const MAX_SHOWN_CHARS = 4000;

/** Reads one answer line for a prompt (rejects when the signal fires first). */
export type AskLine = (prompt: string, signal: AbortSignal) => Promise<string>;

/**
 * Asks a person line by line: prints the tool (and its MCP bundle), its arguments (the diff for
 * write_file over an existing file) and reads y/n through `ask`. Requests from parallel actors are
 * asked one at a time; anything but y/yes denies, and the rest of the line becomes the note
 * (`n not there`). The interactive session asks through its own prompt.
 */
export function createLineApprovalGate(ask: AskLine, output: NodeJS.WritableStream): ApprovalGate {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    request(request, signal) {
      const asked = queue.then(() => askApproval(ask, output, request, signal));
      queue = asked.catch(() => undefined);
      return asked;
    },
  };
}

/** `aime run` in a terminal: each question gets its own readline on the input. */
export function createTerminalApprovalGate(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): ApprovalGate {
  return createLineApprovalGate(async (prompt, signal) => {
    const lines = createInterface({ input, output, terminal: false });
    try {
      return await questionLine(lines, prompt, signal);
    } finally {
      lines.close();
    }
  }, output);
}

async function askApproval(
  ask: AskLine,
  output: NodeJS.WritableStream,
  request: ApprovalRequest,
  signal: AbortSignal,
): Promise<ApprovalDecision> {
  signal.throwIfAborted();
  const shown = request.diff ?? JSON.stringify(request.args, null, 2);
  const from = request.bundle ? ` (MCP server "${request.bundle}")` : '';
  output.write(
    `\nApproval needed (task ${request.taskId}): ${request.tool}${from} — ${request.reason}\n` +
      `${shown.length > MAX_SHOWN_CHARS ? `${shown.slice(0, MAX_SHOWN_CHARS)}\n[…]` : shown}\n`,
  );
  const answer = await ask(`Run ${request.tool}? [y/N] `, signal);
  const [word = '', ...rest] = answer.trim().split(/\s+/);
  const note = rest.join(' ');
  const decision = /^y(es)?$/i.test(word) ? 'approve' : 'deny';
  return { decision, by: 'operator', ...(note ? { note } : {}) };
}
