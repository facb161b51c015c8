import { JUDGE_RESPONSE_SCHEMA, parsePlannerState } from '@gepa-aime/core';

/** One tool call the scripted actor makes at a step (1-based). */
export type ScriptedToolCall = (step: number, taskId: string) => { name: string; arguments: unknown };

export interface AIMEResponderOptions {
  /** Independent tasks the first plan contains (ids "1" … "N"). */
  tasks: number;
  /** Model calls per task: `callsPerTask - 1` tool calls, then `finish`. */
  callsPerTask: number;
  /** The tool call of each step (default: read_file README.md, then list_dir . — never the same call twice in a row). */
  toolCall?: ScriptedToolCall;
}

/** The reply shape shared by ScriptedModel and the fake OpenAI-compatible server. */
export interface AIMEReply {
  content?: string;
  toolCalls?: Array<{ name: string; arguments: unknown }>;
}

interface RequestLike {
  messages: ReadonlyArray<{ role: string; content?: unknown }>;
  /** Planner requests carry a response schema (in-process) or a `response_format` (over HTTP). */
  planner: boolean;
  /** Judge requests ask for the `aime_verdict` schema; they get a passing verdict. */
  judge?: boolean;
}

/** True for a judge request, in-process (`responseSchema`) or over HTTP (`response_format`). */
export function isJudgeRequest(request: { responseSchema?: { name: string }; response_format?: unknown }): boolean {
  const format = request.response_format as { json_schema?: { name?: unknown } } | undefined;
  return (request.responseSchema?.name ?? format?.json_schema?.name) === JUDGE_RESPONSE_SCHEMA.name;
}

const defaultToolCall: ScriptedToolCall = (step) =>
  step % 2 === 1
    ? { name: 'read_file', arguments: { path: 'README.md', limit: 20 + step } }
    : { name: 'list_dir', arguments: { path: '.', depth: 1 + (step % 3) } };

/**
 * A stateless, deterministic stand-in for a planner/actor model: it reads everything it needs from
 * the request (the planner's state block, the actor's tool messages), so any number of runs can
 * share one instance concurrently. The first plan has `tasks` independent tasks; each actor makes
 * `callsPerTask - 1` tool calls and then calls `finish`; the planner finishes once no task is open.
 */
export function createAIMEResponder(options: AIMEResponderOptions): (request: RequestLike) => AIMEReply {
  const toolCall = options.toolCall ?? defaultToolCall;
  return (request) => {
    if (request.judge)
      return { content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Benchmark verdict.' }) };
    return request.planner ? plannerReply(request, options) : actorReply(request, options, toolCall);
  };
}

function plannerReply(request: RequestLike, options: AIMEResponderOptions): AIMEReply {
  const stateText = request.messages.find((message) => message.role === 'user')?.content;
  const state = typeof stateText === 'string' ? parsePlannerState(stateText) : undefined;
  if (!state || state.tasks.length === 0) {
    const tasks = Array.from({ length: options.tasks }, (_unused, index) => ({
      id: String(index + 1),
      title: `Independent task ${index + 1}`,
      completionCriteria: 'finish reports complete',
      dependsOn: [],
      persona: 'benchmark actor',
      bundles: ['default'],
    }));
    return plan({ rationale: 'independent tasks', tasks, next: tasks.map((task) => task.id), done: false });
  }
  const open = state.tasks.filter((task) => task.status === 'pending' || task.status === 'in_progress');
  if (open.length === 0 || state.ready.length === 0) {
    return plan({ rationale: 'all tasks finished', tasks: [], next: [], done: true, finalAnswer: 'All tasks done.' });
  }
  return plan({ rationale: 'run what is ready', tasks: [], next: state.ready, done: false });
}

function actorReply(request: RequestLike, options: AIMEResponderOptions, toolCall: ScriptedToolCall): AIMEReply {
  const task = request.messages.find((message) => message.role === 'user')?.content;
  const taskId = /Subtask \[([^\]]+)\]/.exec(String(task ?? ''))?.[1] ?? 'unknown';
  const toolMessages = request.messages.filter((message) => message.role === 'tool').length;
  if (toolMessages < options.callsPerTask - 1) return { toolCalls: [toolCall(toolMessages + 1, taskId)] };
  return {
    toolCalls: [{ name: 'finish', arguments: { status: 'complete', summary: `Task ${taskId} done.`, references: [] } }],
  };
}

function plan(body: Record<string, unknown>): AIMEReply {
  return { content: JSON.stringify(body) };
}
