import type { TaskStatus } from '../protocol/task-status';
import type { TaskNode } from './task-node';

/**
 * Status of a parent from its children: all complete → complete; nothing left to run and some
 * failed → failed, else some cancelled → cancelled; any work started → in_progress; otherwise
 * pending. Leaves keep their own status.
 */
export function deriveStatus(node: TaskNode): TaskStatus {
  if (node.children.length === 0) return node.status;
  const statuses = node.children.map(deriveStatus);
  if (statuses.every((status) => status === 'complete')) return 'complete';
  const open = statuses.some((status) => status === 'pending' || status === 'in_progress');
  if (!open && statuses.includes('failed')) return 'failed';
  if (!open && statuses.includes('cancelled')) return 'cancelled';
  if (statuses.some((status) => status !== 'pending')) return 'in_progress';
  return 'pending';
}

/** Writes derived statuses into every parent of the tree (bottom-up). */
export function refreshDerivedStatuses(nodes: TaskNode[]): void {
  for (const node of nodes) {
    if (node.children.length === 0) continue;
    refreshDerivedStatuses(node.children);
    node.status = deriveStatus(node);
  }
}
