import { createInterface } from 'node:readline';
import type { AIMEWorkflow, ChatMessage, LanguageModel, RunEvent, WorkflowReport } from '@gepa-aime/core';

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
}

const HELP = `Commands:
  <text>          chat with the model
  /goal <text>    run the AIME loop on a goal and print the JSON report
  /help           show this help
  /quit, /exit    leave (also Ctrl-D)
Ctrl-C cancels a running goal or answer; at the prompt it leaves.`;

/**
 * The seed's interactive session: plain lines chat with the model (the conversation is kept),
 * `/goal <text>` runs the workflow and prints the report, `/quit` and `/exit` leave. Ctrl-C
 * cancels the running goal or answer without leaving; at an idle prompt it leaves.
 */
export async function runInteractiveSession(options: InteractiveSessionOptions): Promise<number> {
  const { output } = options;
  const lines = createInterface({ input: options.input, output, terminal: options.terminal, prompt: 'aime> ' });
  const history: ChatMessage[] = [];
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
          const report = await runGoal(options, goal, running.signal);
          running = undefined;
          output.write(`${JSON.stringify(report, null, 2)}\n`);
        }
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

async function runGoal(options: InteractiveSessionOptions, goal: string, signal: AbortSignal): Promise<WorkflowReport> {
  return options.workflow.run(goal, {
    signal,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(options.maxParallelActors !== undefined ? { maxParallelActors: options.maxParallelActors } : {}),
    onEvent: (event) => {
      const line = describeEvent(event);
      if (line) options.output.write(`${line}\n`);
    },
  });
}

/** One short progress line per milestone (the full events are in the report and `aime run --events`). */
export function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'plan-update':
      return `· plan ${event.iteration}: ${event.tasks.length} task(s)${event.fallback ? ' (fallback decomposition)' : ''} — ${event.rationale}`;
    case 'task-start':
      return `▸ [${event.taskId}] ${event.title} (${event.persona})`;
    case 'tool-call':
      return `    ${event.tool} ${JSON.stringify(event.args)}`;
    case 'task-end':
      return `${event.status === 'complete' ? '✓' : '✗'} [${event.taskId}] ${event.summary.slice(0, 200)}`;
    case 'run-end':
      return `= ${event.status}`;
    default:
      return undefined;
  }
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
