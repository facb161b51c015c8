import type { ProgressManager } from '../progress/progress-manager';
import type { TaskInput, TaskNode } from '../progress/task-node';
import type { PlannedTask } from './plan-schema';

/**
 * Writes the planner's global plan into the checklist. Existing ids keep their status and results;
 * finished tasks the plan left out are kept (history is never dropped); an empty plan on a
 * non-empty checklist means "unchanged". Returns the contingency links (failed id → new id).
 */
export function applyPlan(progress: ProgressManager, planned: PlannedTask[]): Map<string, string> {
  const contingencies = new Map<string, string>();
  if (planned.length === 0 && progress.roots().length > 0) return contingencies;
  const plannedIds = new Set<string>();
  const toInput = (task: PlannedTask): TaskInput => {
    plannedIds.add(task.id);
    if (task.contingencyFor) contingencies.set(task.contingencyFor, task.id);
    const input: TaskInput = { id: task.id, title: task.title, dependsOn: task.dependsOn };
    if (task.completionCriteria) input.completionCriteria = task.completionCriteria;
    if (task.persona) input.persona = task.persona;
    if (task.bundles.length > 0) input.bundles = task.bundles;
    if (task.children.length > 0) input.children = task.children.map(toInput);
    return input;
  };
  const inputs = planned.map(toInput);
  for (const kept of finishedTasksLeftOut(progress.roots(), plannedIds)) inputs.push(kept);
  progress.setTasks(inputs);
  return contingencies;
}

function finishedTasksLeftOut(nodes: TaskNode[], plannedIds: Set<string>): TaskInput[] {
  const kept: TaskInput[] = [];
  const visit = (node: TaskNode): void => {
    if (plannedIds.has(node.id)) {
      for (const child of node.children) visit(child);
      return;
    }
    if (node.children.length === 0 && node.status !== 'pending') {
      const input: TaskInput = { id: node.id, title: node.title, dependsOn: node.dependsOn, status: node.status };
      if (node.completionCriteria) input.completionCriteria = node.completionCriteria;
      if (node.persona) input.persona = node.persona;
      if (node.bundles) input.bundles = node.bundles;
      kept.push(input);
      return;
    }
    for (const child of node.children) visit(child);
  };
  for (const node of nodes) visit(node);
  return kept;
}

/**
 * Leaf tasks that may run now: status in `statuses` (default pending; the planner may also retry
 * failed ones) with every dependency — own and inherited — complete.
 */
export function readyTaskIds(
  progress: ProgressManager,
  statuses: ReadonlyArray<TaskNode['status']> = ['pending'],
): string[] {
  return progress.getNextOpenTasks(statuses).map((task) => task.id);
}

/** Leaves of the checklist in order. */
export function leafTasks(progress: ProgressManager): TaskNode[] {
  const leaves: TaskNode[] = [];
  const visit = (nodes: TaskNode[]): void => {
    for (const node of nodes) {
      if (node.children.length === 0) leaves.push(node);
      else visit(node.children);
    }
  };
  visit(progress.roots());
  return leaves;
}
