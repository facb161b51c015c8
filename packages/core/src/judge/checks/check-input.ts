import type { TaskEvidence, ToolCallEvidence } from '../task-evidence';
import { normalizePath } from './path-mentions';

/** What the deterministic checks look at, for a task result or a run's final answer. */
export interface CheckInput {
  workspaceRoot: string;
  /** What was asked: the task title with its completion criteria, or the goal. */
  request: string;
  /** The answer judged: the actor's summary, or the final answer. */
  answer: string;
  /** References the answer cites. */
  references: readonly string[];
  /** The tool calls behind the answer (one task, or every task of the run). */
  evidence: readonly TaskEvidence[];
  /** Earlier results the answer could draw on (the actor's knowledge): facts from them need no read. */
  priorResults?: string;
}

/** Tools whose successful calls do not read anything. */
const NON_READING_TOOLS = new Set(['write_file', 'update_progress']);

export function allCalls(input: CheckInput): ToolCallEvidence[] {
  return input.evidence.flatMap((evidence) => evidence.toolCalls);
}

export function successfulReads(input: CheckInput): ToolCallEvidence[] {
  return allCalls(input).filter((call) => call.ok && !NON_READING_TOOLS.has(call.tool));
}

/** Workspace paths written (successfully) by write_file in the evidence. */
export function writtenPaths(input: CheckInput): Set<string> {
  const written = new Set<string>();
  for (const call of allCalls(input)) {
    if (call.tool !== 'write_file' || !call.ok) continue;
    const path = (call.args as { path?: unknown } | null)?.path;
    if (typeof path === 'string') written.add(normalizePath(path));
  }
  return written;
}
