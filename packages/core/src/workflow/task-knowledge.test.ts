import { describe, expect, it } from 'vitest';
import { ProgressManager } from '../progress/progress-manager';
import { knowledgeFor } from './task-knowledge';

function checklist(): ProgressManager {
  const progress = new ProgressManager('Goal');
  progress.setTasks([
    { id: '1', title: 'Other work' },
    {
      id: '2',
      title: 'Research',
      children: [
        { id: '2.1', title: 'Read A' },
        { id: '2.2', title: 'Read B' },
      ],
    },
    { id: '3', title: 'Unrelated' },
    { id: '4', title: 'Report', dependsOn: ['2'], children: [{ id: '4.1', title: 'Write', dependsOn: ['3'] }] },
  ]);
  for (const id of ['1', '2.1', '2.2', '3']) progress.markComplete(id, `result of ${id}`, [`${id}.md`]);
  return progress;
}

describe('knowledgeFor', () => {
  it('puts own and inherited dependencies first (a parent standing for its subtasks), then other results', () => {
    const progress = checklist();
    const task = progress.getTask('4.1');
    if (!task) throw new Error('missing task');
    const { results } = knowledgeFor(progress, task);
    expect(results.map((result) => result.id)).toEqual(['2.1', '2.2', '3', '1']);
    expect(results[0]).toEqual({ id: '2.1', title: 'Read A', summary: 'result of 2.1', references: ['2.1.md'] });
  });

  it('keeps at most six results, each cut to 2000 characters, and never the task itself', () => {
    const progress = new ProgressManager('Goal');
    progress.setTasks(
      Array.from({ length: 8 }, (_unused, index) => ({ id: String(index + 1), title: `T${index + 1}` })),
    );
    for (let index = 1; index <= 8; index++) progress.markComplete(String(index), 'x'.repeat(2_500));
    const task = progress.getTask('1');
    if (!task) throw new Error('missing task');
    const { results } = knowledgeFor(progress, task);
    expect(results.map((result) => result.id)).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(results[0]?.summary).toBe(`${'x'.repeat(2_000)}… [cut]`);
  });
});
