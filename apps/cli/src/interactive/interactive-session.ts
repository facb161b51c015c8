import { createInterface } from 'node:readline';
import type { AIMEWorkflow, ApprovalGate, ChatMessage, LanguageModel, WorkflowReport } from '@gepa-aime/core';
import { questionLine } from '../approvals/question-line';
import { createLineApprovalGate } from '../approvals/terminal-approval-gate';
import { describeEvent } from '../progress/describe-event';
import { formatOutcome } from '../progress/run-summary';
import { type TerminalStyle, terminalStyle } from '../progress/terminal-style';

export interface InteractiveSessionOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** True for a terminal: Ctrl-C arrives as a keystroke (readline SIGINT) instead of a signal. */
  terminal: boolean;
  model: LanguageModel;
  workflow: AIMEWorkflow;
  /** The process-wide Ctrl-C signal (non-terminal input): cancels what runs and ends the session. */
  signal: AbortSignal;
  maxIterations?: number;
  maxParallelActors?: number;
  /** Colours for progress and the outcome (default none). */
  colour?: boolean;
}

interface GoalRun {
  goal: string;
  signal: AbortSignal;
  style: TerminalStyle;
  approvals: ApprovalGate;
}

const HELP = `Commands:
  <text>          chat with the model
  /goal <text>    run the AIME loop on a goal: progress, the final answer, a summary
  /report         print the last goal's full report as JSON
  /help           show this help
  /quit, /exit    leave (also Ctrl-D)
Ctrl-C cancels a running goal or answer; at the prompt it leaves.`;

/**
 * The seed's interactive session: plain lines chat with the model (the conversation is kept),
 * `/goal <text>` runs the workflow and prints the final answer and a summary (`/report`: the JSON),
 * `/quit` and `/exit` leave. Ctrl-C
 * cancels the running goal or answer without leaving; at an idle prompt it leaves. A tool call that
 * needs approval (AIME_APPROVAL=risky|all) is asked at the session's own prompt: `Run write_file? [y/N]`.
 */
export async function runInteractiveSession(options: InteractiveSessionOptions): Promise<number> {
  const { output } = options;
  const lines = createInterface({ input: options.input, output, terminal: options.terminal, prompt: 'aime> ' });
  const history: ChatMessage[] = [];
  const style = terminalStyle(options.colour ?? false);
  // Asked on the session's readline, so the answer line is not taken for a command.
  const approvals = createLineApprovalGate((prompt, signal) => questionLine(lines, prompt, signal), output);
  let lastReport: WorkflowReport | undefined;
  let running: AbortController | undefined;
  let leaving = false;
  const cancelOrLeave = () => {
    if (running) {
      output.write('\n^C cancelling…\n');
      running.abort(new Error('cancelled with Ctrl-C'));
    } else {
      leaving = true;
      lines.close();
    }
  };
  lines.on('SIGINT', cancelOrLeave);
  const onProcessAbort = () => {
    leaving = true;
    running?.abort(options.signal.reason);
    lines.close();
  };
  options.signal.addEventListener('abort', onProcessAbort, { once: true });

  output.write(`GEPA-AIME interactive session (model: ${options.model.modelId}). Type /help for commands.\n`);
  lines.prompt();
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line === '/help') output.write(`${HELP}\n`);
      else if (line === '/goal' || line.startsWith('/goal ')) {
        const goal = line.slice('/goal'.length).trim();
        if (!goal) output.write('Usage: /goal <text>\n');
        else {
          running = new AbortController();
          const startedAt = Date.now();
          lastReport = await runGoal(options, { goal, signal: running.signal, style, approvals });
          running = undefined;
          output.write(formatOutcome(lastReport, Date.now() - startedAt, style));
          output.write(`${style.dim('/report prints the full report as JSON')}\n`);
        }
      } else if (line === '/report') {
        output.write(lastReport ? `${JSON.stringify(lastReport, null, 2)}\n` : 'No goal has run yet: /goal <text>\n');
      } else if (line.startsWith('/')) {
        output.write(`Unknown command ${line.split(/\s+/)[0]}; type /help\n`);
      } else if (line) {
        running = new AbortController();
        await chat(options, history, line, running.signal);
        running = undefined;
      }
      if (leaving) break;
      lines.prompt();
    }
  } finally {
    options.signal.removeEventListener('abort', onProcessAbort);
    lines.close();
  }
  output.write('Bye.\n');
  return 0;
}

async function runGoal(options: InteractiveSessionOptions, run: GoalRun): Promise<WorkflowReport> {
  const { style } = run;
  return options.workflow.run(run.goal, {
    signal: run.signal,
    approvals: run.approvals,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.maxParallelActors !== undefined ? { maxParallelActors: options.maxParallelActors } : {}),
    onEvent: (event) => {
      const line = describeEvent(event, style);
      if (line) options.output.write(`${line}\n`);
    },
  });
}

async function chat(options: InteractiveSessionOptions, history: ChatMessage[], text: string, signal: AbortSignal) {
  history.push({ role: 'user', content: text });
  let answer = '';
  try {
    for await (const delta of options.model.stream({ messages: [...history], signal })) {
      if (delta.type === 'content') {
        answer += delta.text;
        options.output.write(delta.text);
      }
    }
    options.output.write('\n');
    history.push({ role: 'assistant', content: answer });
  } catch (error) {
    history.pop();
    if (signal.aborted) options.output.write('\n(answer cancelled)\n');
    else options.output.write(`\nerror: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  }
}
