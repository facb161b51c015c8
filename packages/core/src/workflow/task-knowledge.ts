import type { ActorKnowledge } from '../actors/actor-factory';
import { leafTasks } from '../planner/apply-plan';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';
import { collectIds } from '../progress/task-tree';

const MAX_KNOWLEDGE_ENTRIES = 6;
/** Each earlier result is cut to this many characters in an actor's prompt. */
const MAX_KNOWLEDGE_CHARS = 2000;

/**
 * What an actor should know from earlier tasks: the results of its dependencies (own and inherited
 * from its ancestors, a dependency on a parent meaning all of its subtasks) first, then other
 * finished results in checklist order; at most six, each cut to 2000 characters.
 */
export function knowledgeFor(progress: ProgressManager, task: TaskNode): ActorKnowledge {
  const dependencyIds = new Set(task.dependsOn);
  for (const ancestor of ancestorsOf(progress.roots(), task.id) ?? []) {
    for (const id of ancestor.dependsOn) dependencyIds.add(id);
  }
  const coveredIds = new Set<string>();
  for (const id of dependencyIds) {
    const dependency = progress.getTask(id);
    if (dependency) for (const covered of collectIds([dependency])) coveredIds.add(covered);
  }
  const complete = leafTasks(progress).filter((leaf) => leaf.status === 'complete' && leaf.summary);
  const seen = new Set<string>();
  const results: ActorKnowledge['results'] = [];
  for (const leaf of [...complete.filter((leaf) => coveredIds.has(leaf.id)), ...complete]) {
    if (seen.has(leaf.id) || leaf.id === task.id) continue;
    seen.add(leaf.id);
    const summary = leaf.summary ?? '';
    results.push({
      id: leaf.id,
      title: leaf.title,
      summary: summary.length > MAX_KNOWLEDGE_CHARS ? `${summary.slice(0, MAX_KNOWLEDGE_CHARS)}… [cut]` : summary,
      references: leaf.references,
    });
    if (results.length >= MAX_KNOWLEDGE_ENTRIES) break;
  }
  return { results };
}

/** The tasks above `id`, root first; undefined when `id` is not in the tree. */
function ancestorsOf(nodes: TaskNode[], id: string): TaskNode[] | undefined {
  for (const node of nodes) {
    if (node.id === id) return [];
    const below = ancestorsOf(node.children, id);
    if (below) return [node, ...below];
  }
  return undefined;
}
