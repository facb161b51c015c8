import type { TaskStatus } from '../protocol/task-status';
import { oneLine } from './checklist-markdown';
import type { TaskNode } from './task-node';

const MAX_SUMMARY = 400;

/** How a finished task's summary is introduced; open tasks show their last progress instead. */
const SUMMARY_LABEL: Partial<Record<TaskStatus, string>> = {
  complete: 'result',
  failed: 'failure',
  cancelled: 'cancelled',
};

/**
 * Compact checklist for prompts, one line per task plus indented details:
 *   [x] 1 Read the README (after: –) → result: …
 */
export function describeChecklist(goal: string, roots: TaskNode[]): string {
  const lines: string[] = [];
  if (goal) lines.push(`Goal: ${oneLine(goal)}`);
  if (roots.length === 0) lines.push('(no tasks yet)');
  const visit = (node: TaskNode, depth: number): void => {
    const indent = '  '.repeat(depth);
    const extras: string[] = [];
    if (node.dependsOn.length > 0) extras.push(`after ${node.dependsOn.join(', ')}`);
    if (node.persona) extras.push(`persona: ${node.persona}`);
    if (node.bundles && node.bundles.length > 0) extras.push(`bundles: ${node.bundles.join(', ')}`);
    const suffix = extras.length > 0 ? ` (${extras.join('; ')})` : '';
    lines.push(`${indent}[${node.status}] ${node.id} ${node.title}${suffix}`);
    if (node.completionCriteria) lines.push(`${indent}  done when: ${oneLine(node.completionCriteria)}`);
    const label = SUMMARY_LABEL[node.status];
    if (node.summary && label) {
      lines.push(`${indent}  ${label}: ${truncate(oneLine(node.summary), MAX_SUMMARY)}`);
      if (node.references.length > 0) lines.push(`${indent}  references: ${node.references.join(', ')}`);
    } else if (node.lastProgress && node.status === 'in_progress') {
      lines.push(`${indent}  last progress: ${truncate(oneLine(node.lastProgress), MAX_SUMMARY)}`);
    }
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const node of roots) visit(node, 0);
  return lines.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
