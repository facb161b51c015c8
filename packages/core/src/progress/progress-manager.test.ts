import { describe, expect, it } from 'vitest';
import { taskSnapshotSchema } from '../protocol/task-status';
import { InvalidTaskTransitionError } from './invalid-task-transition-error';
import { ProgressManager } from './progress-manager';
import type { StatusChange } from './task-node';
import { TaskNotFoundError } from './task-not-found-error';

function plannedManager(): ProgressManager {
  const manager = new ProgressManager('Summarise the repository and write notes');
  manager.setTasks([
    {
      title: 'Explore',
      children: [{ title: 'List the top-level folders' }, { title: 'Read README.md' }],
    },
    { title: 'Write notes/summary.md', dependsOn: ['1'], completionCriteria: 'the file exists' },
    { title: 'Independent check' },
  ]);
  return manager;
}

describe('ProgressManager', () => {
  it('assigns hierarchical ids and flattens depth-first with parent links that satisfy the event schema', () => {
    const manager = plannedManager();
    const flat = manager.flatten();
    expect(flat.map((task) => [task.id, task.parentId, task.depth])).toEqual([
      ['1', null, 0],
      ['1.1', '1', 1],
      ['1.2', '1', 1],
      ['2', null, 0],
      ['3', null, 0],
    ]);
    for (const snapshot of flat) expect(taskSnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });

  it('offers pending leaves whose own and ancestors’ dependencies are complete, in checklist order', () => {
    const manager = plannedManager();
    manager.addTask({ title: 'Needs explore', dependsOn: ['2'], children: [{ title: 'Leaf under blocked parent' }] });
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['1.1', '1.2', '3']);
    manager.markInProgress('1.1');
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['1.2', '3']);
    manager.markComplete('1.1', 'apps/, packages/');
    manager.markComplete('1.2', 'README read', ['README.md']);
    expect(manager.getTask('1')?.status).toBe('complete');
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['2', '3']);
    manager.markComplete('2', 'written', ['notes/summary.md']);
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['3', '4.1']);
  });

  it('derives parent status from children', () => {
    const manager = plannedManager();
    expect(manager.getTask('1')?.status).toBe('pending');
    manager.markInProgress('1.1');
    expect(manager.getTask('1')?.status).toBe('in_progress');
    manager.markFailed('1.1', 'permission denied');
    expect(manager.getTask('1')?.status).toBe('in_progress');
    manager.markFailed('1.2', 'missing');
    expect(manager.getTask('1')?.status).toBe('failed');
    manager.markInProgress('1.2', 'retrying');
    expect(manager.getTask('1')?.status).toBe('in_progress');
    manager.markComplete('1.2', 'found it');
    manager.markComplete('1.1', 'second attempt worked');
    expect(manager.getTask('1')?.status).toBe('complete');
  });

  it('reports goal completion only when every leaf is complete', () => {
    const empty = new ProgressManager('nothing');
    expect(empty.isGoalComplete()).toBe(false);
    const manager = plannedManager();
    for (const id of ['1.1', '1.2', '2']) manager.markComplete(id, `done ${id}`);
    expect(manager.isGoalComplete()).toBe(false);
    manager.markFailed('3', 'could not');
    expect(manager.isGoalComplete()).toBe(false);
    manager.markComplete('3', 'recovered');
    expect(manager.isGoalComplete()).toBe(true);
  });

  it('validates transitions with typed errors', () => {
    const manager = plannedManager();
    expect(() => manager.markComplete('9.9', 'x')).toThrow(TaskNotFoundError);
    expect(() => manager.markInProgress('nope')).toThrow(/No task with id "nope"/);
    expect(() => manager.recordProgress('nope', 'in_progress', 'x')).toThrow(TaskNotFoundError);
    expect(() => manager.removeTask('nope')).toThrow(TaskNotFoundError);
    manager.markComplete('3', '   ');
    expect(manager.getTask('3')?.summary).toBe('completed without a summary');
    const error = (() => {
      try {
        manager.markInProgress('3');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidTaskTransitionError);
    expect((error as InvalidTaskTransitionError).code).toBe('invalid_task_transition');
    expect(manager.getTask('3')?.status).toBe('complete');
    manager.markComplete('3', 'done again, better summary', ['a.md']);
    expect(manager.getTask('3')?.summary).toBe('done again, better summary');
  });

  it('records history, notifies subscribers and stops after unsubscribe', () => {
    const manager = plannedManager();
    const seen: StatusChange[] = [];
    const unsubscribe = manager.subscribe((change) => seen.push(change));
    manager.markInProgress('1.1', 'starting');
    manager.recordProgress('1.1', 'in_progress', 'listed 4 folders');
    manager.markComplete('1.1', 'four folders');
    unsubscribe();
    manager.markFailed('1.2', 'gone');
    expect(seen.map((change) => [change.taskId, change.status, change.message])).toEqual([
      ['1.1', 'in_progress', 'starting'],
      ['1.1', 'in_progress', 'listed 4 folders'],
      ['1.1', 'complete', 'four folders'],
    ]);
    expect(manager.history.map((change) => change.status)).toEqual([
      'in_progress',
      'in_progress',
      'complete',
      'failed',
    ]);
    expect(manager.getTask('1.1')?.lastProgress).toBe('listed 4 folders');
  });

  it('treats update_progress complete/failed as claims that do not finish the task', () => {
    const manager = plannedManager();
    manager.recordProgress('3', 'in_progress', 'working');
    expect(manager.getTask('3')?.status).toBe('in_progress');
    manager.recordProgress('3', 'complete', 'I think I am done');
    expect(manager.getTask('3')?.status).toBe('in_progress');
    expect(manager.history.at(-1)).toMatchObject({ taskId: '3', status: 'complete', message: 'I think I am done' });
    manager.markFailed('3', 'the file was not written');
    expect(manager.getTask('3')?.status).toBe('failed');
  });

  it('keeps status, summary and references of surviving ids when the plan is replaced', () => {
    const manager = plannedManager();
    manager.markComplete('1.1', 'folders listed', ['.']);
    manager.markInProgress('1.2', 'reading');
    manager.setTasks([
      {
        id: '1',
        title: 'Explore (revised)',
        children: [
          { id: '1.1', title: 'List folders' },
          { id: '1.3', title: 'Read docs/' },
        ],
      },
      { id: '2', title: 'Write notes/summary.md', dependsOn: ['1', 'ghost', '2'] },
      { title: 'Contingency: retry the README' },
    ]);
    expect(manager.getTask('1.1')).toMatchObject({ status: 'complete', summary: 'folders listed', references: ['.'] });
    expect(manager.getTask('1.2')).toBeUndefined();
    expect(manager.getTask('1.3')?.status).toBe('pending');
    expect(manager.getTask('1')?.title).toBe('Explore (revised)');
    expect(manager.getTask('1')?.status).toBe('in_progress');
    expect(manager.getTask('2')?.dependsOn).toEqual(['1']);
    expect(manager.getTask('3')?.title).toBe('Contingency: retry the README');
  });

  it('gives fresh ids to duplicates and to positions already taken', () => {
    const manager = new ProgressManager('g');
    manager.setTasks([{ id: '2', title: 'explicit two' }, { title: 'second' }, { id: '2', title: 'duplicate' }]);
    expect(manager.flatten().map((task) => task.id)).toEqual(['2', '3', '4']);
  });

  it('adds tasks at an index under a parent and removes subtrees with their dependents’ links', () => {
    const manager = plannedManager();
    const added = manager.addTask({ title: 'Read CONTRIBUTING.md' }, '1', 1);
    expect(added.id).toBe('1.3');
    expect(manager.getTask('1')?.children.map((child) => child.title)).toEqual([
      'List the top-level folders',
      'Read CONTRIBUTING.md',
      'Read README.md',
    ]);
    const root = manager.addTask({ title: 'First of all', children: [{ title: 'sub' }] }, undefined, 0);
    expect(root.id).toBe('4');
    expect(root.children[0]?.id).toBe('4.1');
    expect(manager.roots()[0]?.id).toBe('4');
    expect(() => manager.addTask({ title: 'orphan' }, 'missing')).toThrow(TaskNotFoundError);
    manager.removeTask('1');
    expect(manager.getTask('1.1')).toBeUndefined();
    expect(manager.getTask('2')?.dependsOn).toEqual([]);
  });

  it('drops dependencies that would deadlock: on itself, an ancestor or a descendant', () => {
    const manager = new ProgressManager('g');
    manager.setTasks([
      { title: 'parent', dependsOn: ['1.1'], children: [{ title: 'child', dependsOn: ['1', '1.1'] }] },
    ]);
    expect(manager.getTask('1')?.dependsOn).toEqual([]);
    expect(manager.getTask('1.1')?.dependsOn).toEqual([]);
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['1.1']);
  });

  it('derives cancelled for a parent whose children all stopped and none failed; failed wins over cancelled', () => {
    const manager = plannedManager();
    manager.markComplete('1.1', 'listed');
    manager.markInProgress('1.2');
    manager.markCancelled('1.2', 'run cancelled');
    expect(manager.getTask('1.2')).toMatchObject({ status: 'cancelled', summary: 'run cancelled' });
    expect(manager.getTask('1')?.status).toBe('cancelled');
    expect(manager.history.at(-1)).toMatchObject({ taskId: '1.2', status: 'cancelled', message: 'run cancelled' });
    // dependents stay blocked: a cancelled task is not complete
    expect(manager.getNextOpenTasks().map((task) => task.id)).toEqual(['3']);
    expect(manager.getNextOpenTasks(['cancelled']).map((task) => task.id)).toEqual(['1.2']);
    expect(manager.isGoalComplete()).toBe(false);
    // a cancelled task may run again
    manager.markInProgress('1.2');
    expect(manager.getTask('1')?.status).toBe('in_progress');
    manager.markFailed('1.2', 'missing');
    manager.markCancelled('3');
    manager.markCancelled('2');
    expect(manager.roots().map((task) => task.status)).toEqual(['failed', 'cancelled', 'cancelled']);
  });

  it('cancelling a parent cancels its open leaves and keeps finished ones', () => {
    const manager = plannedManager();
    manager.markComplete('1.1', 'listed');
    manager.markCancelled('1');
    expect(manager.flatten().map((task) => [task.id, task.status])).toEqual([
      ['1', 'cancelled'],
      ['1.1', 'complete'],
      ['1.2', 'cancelled'],
      ['2', 'pending'],
      ['3', 'pending'],
    ]);
  });

  it('completing or failing a parent finishes its open leaves', () => {
    const manager = plannedManager();
    manager.markComplete('1.1', 'listed');
    manager.markFailed('1', 'abandoned by the planner');
    expect(manager.getTask('1.1')?.status).toBe('complete');
    expect(manager.getTask('1.2')?.status).toBe('failed');
    expect(manager.getTask('1')?.status).toBe('failed');
  });

  it('describes the checklist compactly for prompts', () => {
    const manager = plannedManager();
    manager.markComplete('1.1', 'apps/, packages/, docs/', ['.']);
    manager.markFailed('1.2', 'README.md missing');
    manager.recordProgress('3', 'in_progress', 'halfway');
    manager.addTask({ title: 'Cut short' });
    manager.markCancelled('4', 'the run was cancelled');
    expect(manager.describe()).toBe(
      [
        'Goal: Summarise the repository and write notes',
        '[failed] 1 Explore',
        '  [complete] 1.1 List the top-level folders',
        '    result: apps/, packages/, docs/',
        '    references: .',
        '  [failed] 1.2 Read README.md',
        '    failure: README.md missing',
        '[pending] 2 Write notes/summary.md (after 1)',
        '  done when: the file exists',
        '[in_progress] 3 Independent check',
        '  last progress: halfway',
        '[cancelled] 4 Cut short',
        '  cancelled: the run was cancelled',
      ].join('\n'),
    );
  });

  it('normalises titles onto one line', () => {
    const manager = new ProgressManager();
    manager.setTasks([{ title: '  multi\nline\ttitle ' }, { title: '   ' }]);
    expect(manager.roots().map((task) => task.title)).toEqual(['multi line title', '(untitled task)']);
  });
});
