import type { VerdictSummary } from '../protocol/judge-verdict';
import type { TaskSnapshot, TaskStatus } from '../protocol/task-status';
import { parseChecklist, renderChecklist } from './checklist-markdown';
import { refreshDerivedStatuses } from './derive-status';
import { describeChecklist } from './describe-checklist';
import { InvalidTaskTransitionError } from './invalid-task-transition-error';
import type { StatusChange, TaskInput, TaskNode } from './task-node';
import { TaskNotFoundError } from './task-not-found-error';
import { assignIds, buildNodes, claimIds, cleanDependencies, findWithParent } from './task-tree';

/**
 * The hierarchical checklist of one goal (AIME's progress management module). Leaves carry their
 * own status; a parent's status is always derived from its children. Every status change lands in
 * `history` and is pushed to subscribers.
 */
export class ProgressManager {
  readonly goal: string;
  private tasks: TaskNode[] = [];
  private readonly changes: StatusChange[] = [];
  private readonly listeners = new Set<(change: StatusChange) => void>();

  constructor(goal = '') {
    this.goal = goal;
  }

  get history(): readonly StatusChange[] {
    return this.changes;
  }

  /**
   * Replaces the tree (the planner's global plan). A task whose id already exists keeps its status,
   * summary, references, notes, last progress and verdict; new tasks start as `status ?? 'pending'`.
   */
  setTasks(tasks: TaskInput[]): void {
    const previous = new Map<string, TaskNode>();
    const remember = (nodes: TaskNode[]): void => {
      for (const node of nodes) {
        previous.set(node.id, node);
        remember(node.children);
      }
    };
    remember(this.tasks);
    const next = buildNodes(tasks);
    assignIds(next, '', claimIds(next, new Set()));
    const carryOver = (nodes: TaskNode[]): void => {
      for (const node of nodes) {
        const old = previous.get(node.id);
        if (old) {
          node.status = old.status;
          node.summary = old.summary;
          node.references = [...old.references];
          node.notes = [...old.notes];
          node.lastProgress = old.lastProgress;
          if (node.summary === undefined) delete node.summary;
          if (node.lastProgress === undefined) delete node.lastProgress;
          if (old.verdict) node.verdict = old.verdict;
          if (old.claimedStatus) node.claimedStatus = old.claimedStatus;
        }
        carryOver(node.children);
      }
    };
    carryOver(next);
    this.tasks = next;
    cleanDependencies(this.tasks);
    refreshDerivedStatuses(this.tasks);
  }

  /** Adds a task (with its children) under `parentId` (or at the root) at `index` (default: the end). */
  addTask(task: TaskInput, parentId?: string, index?: number): TaskNode {
    const siblings = parentId === undefined ? this.tasks : this.require(parentId).children;
    const node = buildNodes([task])[0] as TaskNode;
    const taken = claimIds([node], claimIds(this.tasks, new Set()));
    const position = index === undefined ? siblings.length : Math.max(0, Math.min(index, siblings.length));
    siblings.splice(position, 0, node);
    assignIds(siblings, parentId ?? '', taken);
    cleanDependencies(this.tasks);
    refreshDerivedStatuses(this.tasks);
    return node;
  }

  /** Removes a task and its subtree; other tasks stop depending on the removed ids. */
  removeTask(id: string): void {
    const found = findWithParent(this.tasks, id);
    if (!found) throw new TaskNotFoundError(id);
    found.siblings.splice(found.siblings.indexOf(found.node), 1);
    cleanDependencies(this.tasks);
    refreshDerivedStatuses(this.tasks);
  }

  getTask(id: string): TaskNode | undefined {
    return findWithParent(this.tasks, id)?.node;
  }

  roots(): TaskNode[] {
    return this.tasks;
  }

  /** Depth-first snapshots with parent links, as they travel in events and reports. */
  flatten(): TaskSnapshot[] {
    const snapshots: TaskSnapshot[] = [];
    const visit = (node: TaskNode, parentId: string | null, depth: number): void => {
      const snapshot: TaskSnapshot = {
        id: node.id,
        parentId,
        title: node.title,
        status: node.status,
        depth,
        dependsOn: [...node.dependsOn],
      };
      if (node.completionCriteria !== undefined) snapshot.completionCriteria = node.completionCriteria;
      if (node.persona !== undefined) snapshot.persona = node.persona;
      if (node.bundles !== undefined) snapshot.bundles = [...node.bundles];
      if (node.summary !== undefined) snapshot.summary = node.summary;
      if (node.lastProgress !== undefined) snapshot.lastProgress = node.lastProgress;
      if (node.verdict !== undefined) snapshot.verdict = { ...node.verdict };
      if (node.claimedStatus !== undefined) snapshot.claimedStatus = node.claimedStatus;
      snapshots.push(snapshot);
      for (const child of node.children) visit(child, node.id, depth + 1);
    };
    for (const node of this.tasks) visit(node, null, 0);
    return snapshots;
  }

  /** pending|failed|cancelled|in_progress → in_progress. A completed task cannot be reopened this way. */
  markInProgress(id: string, message?: string): void {
    const node = this.require(id);
    if (node.children.length > 0) {
      this.record(id, 'in_progress', message);
      return;
    }
    if (node.status === 'complete') {
      throw new InvalidTaskTransitionError(id, node.status, 'in_progress', 'the task is already complete');
    }
    node.status = 'in_progress';
    if (message) node.lastProgress = message;
    refreshDerivedStatuses(this.tasks);
    this.record(id, 'in_progress', message);
  }

  /**
   * Marks a leaf complete with its result summary (any status → complete; completing again replaces
   * the summary; an empty summary is recorded as such). Completing a parent completes every
   * unfinished task below it.
   */
  markComplete(id: string, summary: string, references: string[] = []): void {
    const node = this.require(id);
    node.summary = summary.trim() || 'completed without a summary';
    node.references = unique([...node.references, ...references]);
    this.finish(node, 'complete');
    this.record(id, 'complete', node.summary);
  }

  /** Marks a task failed with the reason (kept as its summary and as a note). Failing a parent fails its open tasks. */
  markFailed(id: string, reason: string): void {
    const node = this.require(id);
    const text = reason.trim() || 'failed without a reason';
    node.summary = text;
    node.notes.push(`failed: ${text}`);
    this.finish(node, 'failed');
    this.record(id, 'failed', text);
  }

  /**
   * Marks a task cancelled: the run was cancelled while it ran, so it has no result and no verdict
   * (the reason is kept as its summary and as a note). Cancelling a parent cancels its open tasks.
   */
  markCancelled(id: string, reason = 'the run was cancelled'): void {
    const node = this.require(id);
    const text = reason.trim() || 'the run was cancelled';
    node.summary = text;
    node.notes.push(`cancelled: ${text}`);
    this.finish(node, 'cancelled');
    this.record(id, 'cancelled', text);
  }

  /** Records the judge's verdict on a task's result next to what its actor claimed. */
  recordVerdict(id: string, verdict: VerdictSummary, claimedStatus: 'complete' | 'failed'): void {
    const node = this.require(id);
    node.verdict = { score: verdict.score, verdict: verdict.verdict, feedback: verdict.feedback };
    node.claimedStatus = claimedStatus;
  }

  /**
   * What `update_progress` reports mid-task: sets `lastProgress` and records the report in history.
   * `in_progress` starts a pending or failed task; `complete`/`failed` are recorded as claims only —
   * the task's final status comes from markComplete/markFailed once the actor's report is judged.
   */
  recordProgress(id: string, status: TaskStatus, message: string): void {
    const node = this.require(id);
    node.lastProgress = message;
    if (status === 'in_progress' && node.children.length === 0 && node.status !== 'complete') {
      node.status = 'in_progress';
      refreshDerivedStatuses(this.tasks);
    }
    this.record(id, status, message);
  }

  /**
   * Leaves with a status in `statuses` (default pending) whose dependencies (their own and their
   * ancestors') are complete, in checklist order.
   */
  getNextOpenTasks(statuses: readonly TaskStatus[] = ['pending']): TaskNode[] {
    const open: TaskNode[] = [];
    const visit = (nodes: TaskNode[], inheritedDependencies: string[]): void => {
      for (const node of nodes) {
        const dependencies = [...inheritedDependencies, ...node.dependsOn];
        if (node.children.length > 0) visit(node.children, dependencies);
        else if (statuses.includes(node.status) && dependencies.every((id) => this.isComplete(id))) {
          open.push(node);
        }
      }
    };
    visit(this.tasks, []);
    return open;
  }

  /** True when there is at least one task and every leaf is complete. */
  isGoalComplete(): boolean {
    return this.tasks.length > 0 && this.tasks.every((node) => node.status === 'complete');
  }

  /** Compact text for prompts: ids, statuses, criteria, dependencies, results of finished tasks. */
  describe(): string {
    return describeChecklist(this.goal, this.tasks);
  }

  toMarkdown(): string {
    return renderChecklist(this.tasks);
  }

  /** Parses checklist markdown (see checklist-markdown.ts); a `# Goal: …` heading is used when `goal` is absent. */
  static fromMarkdown(markdown: string, goal?: string): ProgressManager {
    const parsed = parseChecklist(markdown);
    const manager = new ProgressManager(goal ?? parsed.goal ?? '');
    const tree = parsed.tasks;
    assignIds(tree, '', claimIds(tree, new Set()));
    cleanDependencies(tree);
    refreshDerivedStatuses(tree);
    manager.tasks = tree;
    return manager;
  }

  subscribe(listener: (change: StatusChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private require(id: string): TaskNode {
    const node = this.getTask(id);
    if (!node) throw new TaskNotFoundError(id);
    return node;
  }

  private isComplete(id: string): boolean {
    const node = this.getTask(id);
    return node === undefined || node.status === 'complete';
  }

  private finish(node: TaskNode, status: 'complete' | 'failed' | 'cancelled'): void {
    if (node.children.length === 0) {
      node.status = status;
    } else {
      const visit = (children: TaskNode[]): void => {
        for (const child of children) {
          if (child.children.length > 0) visit(child.children);
          else if (child.status !== 'complete') child.status = status;
        }
      };
      visit(node.children);
    }
    refreshDerivedStatuses(this.tasks);
  }

  private record(taskId: string, status: TaskStatus, message?: string): void {
    const change: StatusChange = { ts: Date.now(), taskId, status };
    if (message !== undefined) change.message = message;
    this.changes.push(change);
    for (const listener of this.listeners) listener(change);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
