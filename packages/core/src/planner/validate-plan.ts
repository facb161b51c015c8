import type { ProgressManager } from '../progress/progress-manager';
import type { TaskStatus } from '../protocol/task-status';
import type { PlannedTask, PlanResponse } from './plan-schema';

interface PlannedEntry {
  task: PlannedTask;
  dependencies: string[];
}

/**
 * Checks what zod cannot: unique ids, a non-empty `next` (or `done` with an answer) naming leaf
 * tasks that exist, are not finished and whose dependencies are complete. Returns the problem in
 * words the model can act on, or undefined when the plan is usable.
 */
export function validatePlan(plan: PlanResponse, progress: ProgressManager): string | undefined {
  const entries = new Map<string, PlannedEntry>();
  const duplicates: string[] = [];
  const visit = (tasks: PlannedTask[], inherited: string[]): void => {
    for (const task of tasks) {
      if (entries.has(task.id)) duplicates.push(task.id);
      const dependencies = [...inherited, ...task.dependsOn];
      entries.set(task.id, { task, dependencies });
      visit(task.children, dependencies);
    }
  };
  visit(plan.tasks, []);
  if (duplicates.length > 0) return `task ids must be unique; repeated: ${duplicates.join(', ')}`;
  if (plan.done) {
    return plan.finalAnswer.trim() === '' ? 'done is true but finalAnswer is empty' : undefined;
  }
  if (plan.next.length === 0) {
    return 'next is empty: list the ids of the tasks to run now, or set done to true with a finalAnswer';
  }
  const existing = new Map(progress.flatten().map((task) => [task.id, task]));
  const statusOf = (id: string): TaskStatus | undefined =>
    existing.get(id)?.status ?? (entries.has(id) ? 'pending' : undefined);
  const known = [...new Set([...entries.keys(), ...existing.keys()])];
  for (const id of plan.next) {
    const entry = entries.get(id);
    const current = existing.get(id);
    if (!entry && !current) return `next names unknown task id "${id}"; known ids: ${known.join(', ') || '(none)'}`;
    const hasChildren = entry ? entry.task.children.length > 0 : progress.getTask(id)?.children.length !== 0;
    if (hasChildren) return `task "${id}" has subtasks; put the ids of its leaf tasks in next`;
    const status = statusOf(id);
    if (status === 'complete') return `task "${id}" is already complete; choose pending tasks or set done`;
    if (status === 'in_progress') return `task "${id}" is already running`;
    const dependencies = entry ? entry.dependencies : (current?.dependsOn ?? []);
    const blocking = dependencies.filter((dependency) => {
      const dependencyStatus = statusOf(dependency);
      return dependencyStatus !== undefined && dependencyStatus !== 'complete';
    });
    if (blocking.length > 0) {
      return `task "${id}" cannot run yet: it depends on ${blocking.join(', ')} which ${blocking.length === 1 ? 'is' : 'are'} not complete`;
    }
  }
  return undefined;
}
