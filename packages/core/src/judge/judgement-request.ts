import type { JudgeCheck } from '../protocol/judge-verdict';
import type { JudgeRequestMetadata, RequestTask } from '../protocol/request-metadata';
import type { TaskEvidence } from './task-evidence';

/** Everything the model judgement sees about one answer. */
export interface JudgementRequest {
  scope: 'task' | 'goal';
  goal: string;
  /** The task title with its completion criteria, or the goal. */
  request: string;
  /** For a task: the task itself (travels as request metadata for in-process judges). */
  task?: RequestTask;
  claimedStatus?: 'complete' | 'failed';
  answer: string;
  references: readonly string[];
  evidence: readonly TaskEvidence[];
  checks: readonly JudgeCheck[];
  /** For the goal: the checklist's results, one line per task. */
  taskResults?: string;
  /** For a task: the earlier results its actor was given. */
  priorResults?: string;
}

const MAX_CALLS_SHOWN = 12;
const MAX_OUTPUT_CHARS = 600;
const MAX_ANSWER_CHARS = 6000;

/** The user message of a judge call: the request, the answer, the evidence and the checks, as plain sections. */
export function renderJudgementRequest(request: JudgementRequest): string {
  const lines = [
    request.scope === 'goal' ? `Goal: ${request.goal}` : `Overall goal: ${request.goal}`,
    request.scope === 'task' ? `Task: ${request.request}` : '',
    request.claimedStatus ? `The worker reported: ${request.claimedStatus}` : '',
    '',
    request.scope === 'goal' ? 'Final answer:' : 'Result:',
    clip(request.answer, MAX_ANSWER_CHARS) || '(empty)',
    request.references.length > 0 ? `References cited: ${request.references.join(', ')}` : 'References cited: none',
  ];
  if (request.taskResults) lines.push('', 'Task results:', request.taskResults);
  if (request.priorResults) lines.push('', 'Earlier results the worker was given:', clip(request.priorResults, 3000));
  const calls = request.evidence.flatMap((evidence) => evidence.toolCalls);
  lines.push(
    '',
    `Tool calls (${calls.length}${calls.length > MAX_CALLS_SHOWN ? `, last ${MAX_CALLS_SHOWN} shown` : ''}):`,
  );
  if (calls.length === 0) lines.push('none — nothing was read or written');
  for (const call of calls.slice(-MAX_CALLS_SHOWN)) {
    const outcome = call.ok ? 'ok' : `error${call.error ? ` (${call.error})` : ''}`;
    lines.push(
      `- ${call.tool} ${clip(JSON.stringify(call.args ?? {}), 200)} → ${outcome}: ${clip(call.output, MAX_OUTPUT_CHARS)}`,
    );
  }
  lines.push('', 'Deterministic checks:');
  if (request.checks.length === 0) lines.push('none applied');
  for (const check of request.checks)
    lines.push(`- ${check.name}: ${check.passed ? 'passed' : 'FAILED'} — ${check.detail}`);
  return lines.filter((line, index, all) => line !== '' || all[index - 1] !== '').join('\n');
}

/** Longest observation carried in the request metadata (a write_file's content travels in its arguments). */
const MAX_METADATA_OUTPUT_CHARS = 4000;

/** The same request as metadata, for in-process judges (the offline model) that read data, not prompts. */
export function judgeRequestMetadata(request: JudgementRequest): JudgeRequestMetadata {
  return {
    role: 'judge',
    scope: request.scope,
    goal: request.goal,
    ...(request.task ? { task: request.task } : {}),
    request: request.request,
    answer: request.answer,
    ...(request.claimedStatus ? { claimedStatus: request.claimedStatus } : {}),
    references: [...request.references],
    toolCalls: request.evidence.flatMap((evidence) =>
      evidence.toolCalls.map((call) => ({
        tool: call.tool,
        arguments: isRecord(call.args) ? call.args : {},
        observation: call.output.slice(0, MAX_METADATA_OUTPUT_CHARS),
        ok: call.ok,
      })),
    ),
    checks: request.checks.map((check) => ({ ...check })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string, limit: number): string {
  const flat = text.trim();
  return flat.length > limit ? `${flat.slice(0, limit)}… [${flat.length - limit} more chars]` : flat;
}
