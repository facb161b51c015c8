import type { TaskView } from '../../state/run-state';

export interface TaskTreeNode {
  task: TaskView;
  children: TaskTreeNode[];
}

/** Flat snapshots (with parent links, in plan order) → the hierarchy; orphans become roots. */
export function buildTaskTree(tasks: readonly TaskView[]): TaskTreeNode[] {
  const nodes = new Map(tasks.map((task) => [task.id, { task, children: [] as TaskTreeNode[] }]));
  const roots: TaskTreeNode[] = [];
  for (const task of tasks) {
    const node = nodes.get(task.id)!;
    const parent = task.parentId === null ? undefined : nodes.get(task.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
