import type { TaskSnapshot, WorkflowReport } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { summaryLine } from './run-summary';
import { terminalStyle } from './terminal-style';

const leaf = (id: string, status: TaskSnapshot['status']): TaskSnapshot => ({
  id,
  parentId: null,
  title: `task ${id}`,
  status,
  depth: 0,
  dependsOn: [],
});

function report(status: WorkflowReport['status'], tasks: TaskSnapshot[]): WorkflowReport {
  return {
    goal: 'g',
    status,
    completed: status === 'completed',
    finalAnswer: '',
    tasks,
    markdown: '',
    history: [],
    rationale: '',
    usage: { total: { promptTokens: 1000, completionTokens: 234, totalTokens: 1234 }, byRole: {} },
    model: 'offline',
    iterations: 1,
  };
}

describe('summaryLine', () => {
  const plain = terminalStyle(false);

  it('counts failed and cancelled tasks apart', () => {
    const cancelled = report('cancelled', [leaf('1', 'complete'), leaf('2', 'cancelled'), leaf('3', 'pending')]);
    expect(summaryLine(cancelled, 4200, plain)).toBe('cancelled · 1/3 tasks done, 1 cancelled · 1,234 tokens · 4.2 s');
    const failed = report('failed', [leaf('1', 'failed'), leaf('2', 'complete')]);
    expect(summaryLine(failed, 900, plain)).toBe('failed · 1/2 tasks done, 1 failed · 1,234 tokens · 900 ms');
  });
});
