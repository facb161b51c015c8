import { describe, expect, it } from 'vitest';
import { decomposeGoal, splitIntoClauses } from './decompose-goal';

describe('decomposeGoal', () => {
  it('splits joined instructions into sequential tasks with criteria, persona and bundles', () => {
    const tasks = decomposeGoal('Read README.md and write a summary to notes/summary.md');
    expect(tasks.map((task) => task.title)).toEqual(['Read README.md', 'Write a summary to notes/summary.md']);
    expect(tasks.map((task) => task.dependsOn)).toEqual([[], ['1']]);
    expect(tasks[1]?.completionCriteria).toContain('notes/summary.md exists');
    expect(tasks[1]?.persona).toBe('technical writer');
    expect(tasks.every((task) => task.bundles.includes('default'))).toBe(true);
  });

  it('keeps "and" inside a clause when no instruction follows it', () => {
    expect(splitIntoClauses('Compare apples and oranges. Then propose a winner; finally write it down')).toEqual([
      'Compare apples and oranges',
      'Propose a winner',
      'Write it down',
    ]);
  });

  it('splits sentences and "then" clauses', () => {
    expect(splitIntoClauses('List the files, then summarise them. Suggest improvements!')).toEqual([
      'List the files',
      'Summarise them',
      'Suggest improvements',
    ]);
  });

  it('returns one task for an empty or single-clause goal', () => {
    expect(decomposeGoal('   ').map((task) => task.title)).toEqual(['Work on the goal']);
    expect(decomposeGoal('Summarise the repository layout').length).toBe(1);
  });
});
