import type { TaskStatus } from '@gepa-aime/core';
import type { TaskView } from '../../state/run-state';

/** The seed's checklist markers, and `[~]` for a task a cancel cut short (as the core writes them). */
export const statusMarkers: Record<TaskStatus, string> = {
  pending: '[ ]',
  in_progress: '[-]',
  complete: '[x]',
  failed: '[!]',
  cancelled: '[~]',
};

const indentUnit = '    ';

/** Result lines are cut here: the terminal is an overview, the checklist panel has the full text. */
const maxResultLength = 180;

function oneLine(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}

/**
 * The checklist as the core's progress manager writes it (four spaces per level, `> Done when:`,
 * `> Progress:`, `> Result:` detail lines), without the id comments. Rendered from the live task
 * state, so it changes after every action, not only when the planner re-plans.
 */
export function renderChecklistMarkdown(tasks: readonly TaskView[], goal?: string): string {
  const lines: string[] = goal ? [`# Goal: ${oneLine(goal)}`, ''] : [];
  for (const task of tasks) {
    const indent = indentUnit.repeat(task.depth);
    const detail = indent + indentUnit;
    lines.push(`${indent}- ${statusMarkers[task.status]} ${oneLine(task.title)}`);
    if (task.completionCriteria) lines.push(`${detail}> Done when: ${oneLine(task.completionCriteria)}`);
    if (task.summary && (task.status === 'complete' || task.status === 'failed' || task.status === 'cancelled')) {
      lines.push(`${detail}> Result: ${oneLine(task.summary, maxResultLength)}`);
    }
    if (task.lastProgress && task.status === 'in_progress')
      lines.push(`${detail}> Progress: ${oneLine(task.lastProgress)}`);
  }
  return lines.join('\n');
}

export type ChecklistLineKind = 'task' | 'detail' | 'heading' | 'text';

export interface ChecklistLine {
  kind: ChecklistLineKind;
  /** Indentation plus the bullet (`    - `), printed as is before the marker. */
  lead: string;
  marker: string | null;
  status: TaskStatus | null;
  text: string;
  /** Column where the text starts: a wrapped line continues there (a hanging indent), not at column 0. */
  hang: number;
}

const markerStatus: Record<string, TaskStatus> = {
  ' ': 'pending',
  '-': 'in_progress',
  x: 'complete',
  X: 'complete',
  '!': 'failed',
  '~': 'cancelled',
};

/** Splits a markdown checklist line so the terminal can colour markers, details and headings. */
export function parseChecklistLine(line: string): ChecklistLine {
  const task = /^(\s*[-*+]\s+)\[([ xX!~-])\]\s?(.*)$/.exec(line);
  if (task) {
    const [, lead = '', symbol = ' ', text = ''] = task;
    const marker = `[${symbol}]`;
    return {
      kind: 'task',
      lead,
      marker,
      status: markerStatus[symbol] ?? null,
      text,
      hang: lead.length + marker.length + 1,
    };
  }
  const detail = /^(\s*)(>\s?)(.*)$/.exec(line);
  if (detail) {
    const [, lead = '', quote = '', text = ''] = detail;
    return { kind: 'detail', lead, marker: null, status: null, text: quote + text, hang: lead.length + quote.length };
  }
  if (/^#{1,6}\s/.test(line)) return { kind: 'heading', lead: '', marker: null, status: null, text: line, hang: 0 };
  return { kind: 'text', lead: '', marker: null, status: null, text: line, hang: 0 };
}
