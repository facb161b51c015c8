import type { TaskInput, TaskNode } from './task-node';

/** Builds fresh nodes from planner input (titles on one line; ids may still be empty). */
export function buildNodes(inputs: TaskInput[]): TaskNode[] {
  return inputs.map((input) => {
    const node: TaskNode = {
      id: input.id?.trim() ?? '',
      title: normalizeTitle(input.title),
      status: input.status ?? 'pending',
      dependsOn: (input.dependsOn ?? []).map((id) => id.trim()).filter(Boolean),
      notes: [],
      references: [],
      children: buildNodes(input.children ?? []),
    };
    const criteria = input.completionCriteria?.trim();
    if (criteria) node.completionCriteria = criteria;
    const persona = input.persona?.trim();
    if (persona) node.persona = persona;
    if (input.bundles) node.bundles = input.bundles.map((bundle) => bundle.trim()).filter(Boolean);
    return node;
  });
}

export function normalizeTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim() || '(untitled task)';
}

/** Adds every explicit id to `taken`; a duplicate id is cleared so that it gets a fresh one. */
export function claimIds(nodes: TaskNode[], taken: Set<string>): Set<string> {
  for (const node of nodes) {
    if (node.id !== '') {
      if (taken.has(node.id)) node.id = '';
      else taken.add(node.id);
    }
    claimIds(node.children, taken);
  }
  return taken;
}

/** Gives every node without an id its hierarchical position ("2", "2.3"), skipping ids already taken. */
export function assignIds(siblings: TaskNode[], parentId: string, taken: Set<string>): void {
  siblings.forEach((node, index) => {
    if (node.id === '') {
      let number = index + 1;
      const idAt = (position: number): string => (parentId ? `${parentId}.${position}` : String(position));
      while (taken.has(idAt(number))) number += 1;
      node.id = idAt(number);
      taken.add(node.id);
    }
    assignIds(node.children, node.id, taken);
  });
}

/** Drops dependencies on unknown tasks, on the task itself, its ancestors and its descendants (all deadlocks). */
export function cleanDependencies(roots: TaskNode[]): void {
  const known = collectIds(roots);
  const visit = (nodes: TaskNode[], ancestors: string[]): void => {
    for (const node of nodes) {
      const forbidden = new Set([node.id, ...ancestors, ...collectIds(node.children)]);
      node.dependsOn = [...new Set(node.dependsOn)].filter((id) => known.has(id) && !forbidden.has(id));
      visit(node.children, [...ancestors, node.id]);
    }
  };
  visit(roots, []);
}

export function collectIds(nodes: TaskNode[]): Set<string> {
  const ids = new Set<string>();
  const visit = (list: TaskNode[]): void => {
    for (const node of list) {
      ids.add(node.id);
      visit(node.children);
    }
  };
  visit(nodes);
  return ids;
}

export function findWithParent(
  roots: TaskNode[],
  id: string,
): { node: TaskNode; siblings: TaskNode[]; parent: TaskNode | undefined } | undefined {
  const visit = (
    siblings: TaskNode[],
    parent: TaskNode | undefined,
  ): { node: TaskNode; siblings: TaskNode[]; parent: TaskNode | undefined } | undefined => {
    for (const node of siblings) {
      if (node.id === id) return { node, siblings, parent };
      const found = visit(node.children, node);
      if (found) return found;
    }
    return undefined;
  };
  return visit(roots, undefined);
}
