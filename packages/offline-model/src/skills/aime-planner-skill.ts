import {
  decomposeGoal,
  type PlannedTask,
  type PlannerState,
  type PlanResponse,
  type TaskSnapshot,
} from '@gepa-aime/core';
import type { OfflineSkill } from '../offline-skill';
import { mcpBundlesFor } from './aime-mcp-choice';

const RETRY_SUFFIX = '-retry';

/**
 * The offline model as AIME's Dynamic Planner (recognised by the request metadata's role, reading
 * the planner state it carries). It splits the goal into its sentences and clauses (run in order;
 * a clause naming an MCP server's tool also gets that bundle),
 * runs every ready task, adds one contingency task per failed task, and declares the goal done
 * with a final answer assembled from the task summaries — deterministic, and it says so in its
 * rationale.
 */
export const aimePlannerSkill: OfflineSkill = {
  name: 'aime-planner',
  handles: (request) => request.metadata?.role === 'planner',
  respond(request) {
    if (request.metadata?.role !== 'planner')
      throw new TypeError('not a planner request (metadata.role is not "planner")');
    return { content: JSON.stringify(planFor(request.metadata.plannerState)) };
  },
};

export function planFor(state: PlannerState): PlanResponse {
  if (state.tasks.length === 0) {
    const tasks = decomposeGoal(state.goal).map((task) => ({
      ...task,
      bundles: [...task.bundles, ...mcpBundlesFor(task.title, state)],
    }));
    return {
      rationale: `Offline planner (rule-based): split the goal into ${tasks.length} clause${tasks.length === 1 ? '' : 's'}, run in order.`,
      tasks,
      next: tasks.filter((task) => task.dependsOn.length === 0).map((task) => task.id),
      done: false,
      finalAnswer: '',
    };
  }
  const tasks = rebuildTree(state.tasks);
  const leaves = flattenLeaves(tasks);
  const statusOf = new Map(state.tasks.map((task) => [task.id, task.status]));
  const added: string[] = [];
  for (const leaf of leaves) {
    if (statusOf.get(leaf.id) !== 'failed' || leaf.id.endsWith(RETRY_SUFFIX)) continue;
    const retryId = `${leaf.id}${RETRY_SUFFIX}`;
    if (statusOf.has(retryId)) continue;
    const snapshot = state.tasks.find((task) => task.id === leaf.id);
    addContingency(tasks, leaf, retryId, snapshot?.summary ?? '');
    statusOf.set(retryId, 'pending');
    added.push(retryId);
  }
  // A cancelled task was cut short, not failed: it runs again as it is (no contingency).
  const ready = flattenLeaves(tasks)
    .filter((task) => statusOf.get(task.id) === 'pending' || statusOf.get(task.id) === 'cancelled')
    .filter((task) => task.dependsOn.every((id) => statusOf.get(id) === 'complete' || !statusOf.has(id)))
    .map((task) => task.id);
  if (ready.length > 0) {
    const why = added.length > 0 ? `added contingency task(s) ${added.join(', ')} for failed work; ` : '';
    return {
      rationale: `Offline planner (rule-based): ${why}running the ready task(s) ${ready.join(', ')}.`,
      tasks,
      next: ready,
      done: false,
      finalAnswer: '',
    };
  }
  return {
    rationale: 'Offline planner (rule-based): no task is left to run; the answer is assembled from the task results.',
    tasks,
    next: [],
    done: true,
    finalAnswer: finalAnswerFrom(state),
  };
}

function finalAnswerFrom(state: PlannerState): string {
  const leaves = state.tasks.filter((task) => !state.tasks.some((other) => other.parentId === task.id));
  const lines = [`Result for "${state.goal}" (offline model, assembled from the task results):`];
  for (const task of leaves) {
    if (task.status === 'complete') lines.push(`[${task.id}] ${task.title}: ${task.summary ?? ''}`);
    else if (task.status === 'failed') lines.push(`[${task.id}] ${task.title} — failed: ${task.summary ?? ''}`);
    else if (task.status === 'pending') {
      const blockers = task.dependsOn.filter((id) => state.tasks.find((other) => other.id === id)?.status === 'failed');
      const why =
        blockers.length > 0 ? `it depends on [${blockers.join('], [')}], which failed` : 'it never became ready';
      lines.push(`[${task.id}] ${task.title} — not run: ${why}.`);
    }
  }
  return lines.join('\n\n');
}

function rebuildTree(snapshots: TaskSnapshot[]): PlannedTask[] {
  const nodes = new Map<string, PlannedTask>();
  for (const snapshot of snapshots) {
    nodes.set(snapshot.id, {
      id: snapshot.id,
      title: snapshot.title,
      completionCriteria: snapshot.completionCriteria ?? '',
      dependsOn: [...snapshot.dependsOn],
      persona: snapshot.persona ?? '',
      bundles: snapshot.bundles ?? [],
      contingencyFor: snapshot.id.endsWith(RETRY_SUFFIX) ? snapshot.id.slice(0, -RETRY_SUFFIX.length) : '',
      children: [],
    });
  }
  const roots: PlannedTask[] = [];
  for (const snapshot of snapshots) {
    const node = nodes.get(snapshot.id);
    if (!node) continue;
    const parent = snapshot.parentId ? nodes.get(snapshot.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function flattenLeaves(tasks: PlannedTask[]): PlannedTask[] {
  return tasks.flatMap((task) => (task.children.length === 0 ? [task] : flattenLeaves(task.children)));
}

/** Inserts the contingency task right after the failed one; tasks waiting on the failed one wait on it instead. */
function addContingency(tasks: PlannedTask[], failed: PlannedTask, retryId: string, reason: string): void {
  const contingency: PlannedTask = {
    id: retryId,
    title: `${failed.title} (another way: the first attempt failed: ${shorten(reason, 160)})`,
    completionCriteria: failed.completionCriteria,
    dependsOn: [...failed.dependsOn],
    persona: failed.persona,
    bundles: failed.bundles,
    contingencyFor: failed.id,
    children: [],
  };
  const insert = (siblings: PlannedTask[]): boolean => {
    const index = siblings.findIndex((task) => task.id === failed.id);
    if (index >= 0) {
      siblings.splice(index + 1, 0, contingency);
      return true;
    }
    return siblings.some((task) => insert(task.children));
  };
  insert(tasks);
  const redirect = (siblings: PlannedTask[]): void => {
    for (const task of siblings) {
      if (task.id !== retryId) task.dependsOn = task.dependsOn.map((id) => (id === failed.id ? retryId : id));
      redirect(task.children);
    }
  };
  redirect(tasks);
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
