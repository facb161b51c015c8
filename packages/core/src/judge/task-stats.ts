import type { TaskStats } from '../protocol/task-stats';
import type { TaskEvidence } from './task-evidence';

export type { TaskStats };

export function taskStats(evidence: TaskEvidence): TaskStats {
  const toolCalls: Record<string, number> = {};
  let toolErrors = 0;
  let toolMs = 0;
  for (const call of evidence.toolCalls) {
    toolCalls[call.tool] = (toolCalls[call.tool] ?? 0) + 1;
    if (!call.ok) toolErrors += 1;
    toolMs += call.ms;
  }
  return {
    toolCalls,
    toolErrors,
    steps: evidence.steps,
    promptTokens: evidence.promptTokens,
    completionTokens: evidence.completionTokens,
    modelMs: Math.round(evidence.modelMs),
    toolMs: Math.round(toolMs),
  };
}

/** One line for prompts and feedback: `5 steps; tools read_file×3 (2 errors), list_dir×1; 1200+300 tokens; model 800 ms, tools 40 ms`. */
export function describeTaskStats(stats: TaskStats): string {
  const tools = Object.entries(stats.toolCalls)
    .map(([tool, count]) => `${tool}×${count}`)
    .join(', ');
  const errors = stats.toolErrors > 0 ? ` (${stats.toolErrors} error${stats.toolErrors === 1 ? '' : 's'})` : '';
  return [
    `${stats.steps} step${stats.steps === 1 ? '' : 's'}`,
    `tools ${tools || 'none'}${errors}`,
    `${stats.promptTokens}+${stats.completionTokens} tokens`,
    `model ${stats.modelMs} ms, tools ${stats.toolMs} ms`,
  ].join('; ');
}
