import type { ActorKnowledge } from '../actors/actor-factory';
import { leafTasks } from '../planner/apply-plan';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';

const MAX_KNOWLEDGE_ENTRIES = 6;
/** Each earlier result is cut to this many characters in an actor's prompt. */
const MAX_KNOWLEDGE_CHARS = 2000;

/**
 * What an actor should know from earlier tasks: the results of its dependencies (own and inherited
 * from its ancestors, a dependency on a parent meaning all of its subtasks) first, then other
 * finished results in checklist order; at most six, each cut to 2000 characters.
 */
export function knowledgeFor(progress: ProgressManager, task: TaskNode): ActorKnowledge {
  const dependencies = new Set(task.dependsOn);
  for (const snapshot of progress.flatten()) {
    if (isAncestor(progress, snapshot.id, task.id)) for (const id of snapshot.dependsOn) dependencies.add(id);
  }
  const complete = leafTasks(progress).filter((leaf) => leaf.status === 'complete' && leaf.summary);
  const isDependency = (leaf: TaskNode) =>
    dependencies.has(leaf.id) || [...dependencies].some((id) => isAncestor(progress, id, leaf.id));
  const seen = new Set<string>();
  const results: ActorKnowledge['results'] = [];
  for (const leaf of [...complete.filter(isDependency), ...complete]) {
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

function isAncestor(progress: ProgressManager, candidate: string, id: string): boolean {
  const node = progress.getTask(candidate);
  if (!node || candidate === id) return false;
  const contains = (nodes: TaskNode[]): boolean => nodes.some((child) => child.id === id || contains(child.children));
  return contains(node.children);
}
