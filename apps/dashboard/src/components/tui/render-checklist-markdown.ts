import type { TaskStatus } from '@gepa-aime/core';
import type { TaskView } from '../../state/run-state';

/** The seed's checklist markers. */
export const statusMarkers: Record<TaskStatus, string> = {
  pending: '[ ]',
  in_progress: '[-]',
  complete: '[x]',
  failed: '[!]',
};

/**
 * The checklist as markdown, one task per line, indented by depth: `- [x] 1.2 Title`. Rendered from
 * the live task state, so it changes after every action, not only when the planner re-plans.
 */
export function renderChecklistMarkdown(tasks: readonly TaskView[]): string {
  return tasks
    .map((task) => `${'  '.repeat(task.depth)}- ${statusMarkers[task.status]} ${task.id} ${task.title}`)
    .join('\n');
}

export interface ChecklistLine {
  indent: string;
  marker: string | null;
  status: TaskStatus | null;
  text: string;
}

const markerStatus: Record<string, TaskStatus> = {
  ' ': 'pending',
  '-': 'in_progress',
  x: 'complete',
  X: 'complete',
  '!': 'failed',
};

/** Splits a markdown checklist line into indent, marker and text so the marker can be coloured. */
export function parseChecklistLine(line: string): ChecklistLine {
  const match = /^(\s*)(?:[-*]\s+)?\[([ xX!-])\]\s?(.*)$/.exec(line);
  if (!match) return { indent: '', marker: null, status: null, text: line };
  const [, indent = '', symbol = ' ', text = ''] = match;
  return { indent, marker: `[${symbol}]`, status: markerStatus[symbol] ?? null, text };
}
