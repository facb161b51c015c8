import type { TaskStatus } from '@gepa-aime/core';
import type { TaskView } from './run-state';

function deriveFrom(statuses: TaskStatus[]): TaskStatus {
  if (statuses.every((status) => status === 'complete')) return 'complete';
  const open = statuses.some((status) => status === 'pending' || status === 'in_progress');
  if (!open && statuses.includes('failed')) return 'failed';
  if (!open && statuses.includes('cancelled')) return 'cancelled';
  if (statuses.some((status) => status !== 'pending')) return 'in_progress';
  return 'pending';
}

/**
 * Parents' statuses follow their children (the same rule as the core's progress manager), so a
 * child's progress event moves its parent without waiting for the next plan snapshot.
 */
export function deriveParentStatuses(tasks: TaskView[]): TaskView[] {
  const childrenByParent = new Map<string, TaskView[]>();
  for (const task of tasks) {
    if (task.parentId === null) continue;
    const siblings = childrenByParent.get(task.parentId) ?? [];
    siblings.push(task);
    childrenByParent.set(task.parentId, siblings);
  }
  if (childrenByParent.size === 0) return tasks;
  const derived = new Map<string, TaskStatus>();
  const statusOf = (task: TaskView): TaskStatus => {
    const known = derived.get(task.id);
    if (known) return known;
    derived.set(task.id, task.status); // guards against a malformed parent cycle
    const children = childrenByParent.get(task.id);
    const status = children ? deriveFrom(children.map(statusOf)) : task.status;
    derived.set(task.id, status);
    return status;
  };
  return tasks.map((task) => {
    const status = statusOf(task);
    return status === task.status ? task : { ...task, status };
  });
}
