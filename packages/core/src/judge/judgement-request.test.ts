import { describe, expect, it } from 'vitest';
import { evidenceWith } from './judge-test-support';
import { type JudgementRequest, judgeRequestMetadata, renderJudgementRequest } from './judgement-request';

function taskRequest(overrides: Partial<JudgementRequest> = {}): JudgementRequest {
  return {
    scope: 'task',
    goal: 'Document the project',
    request: 'Summarise README.md (completion criteria: names the project)',
    task: { id: '1', title: 'Summarise README.md' },
    claimedStatus: 'complete',
    answer: 'Demo is a demo project.',
    references: ['README.md', 'docs/a.md'],
    evidence: [evidenceWith({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' })],
    checks: [],
    ...overrides,
  };
}

describe('renderJudgementRequest', () => {
  it('renders a task request as plain sections without doubled blank lines', () => {
    const text = renderJudgementRequest(
      taskRequest({
        priorResults: 'Task 0 found README.md.',
        checks: [
          { name: 'references-exist', passed: true, detail: 'README.md exists' },
          { name: 'read-before-facts', passed: false, detail: 'nothing read' },
        ],
      }),
    );
    expect(text).toBe(
      [
        'Overall goal: Document the project',
        'Task: Summarise README.md (completion criteria: names the project)',
        'The worker reported: complete',
        '',
        'Result:',
        'Demo is a demo project.',
        'References cited: README.md, docs/a.md',
        '',
        'Earlier results the worker was given:',
        'Task 0 found README.md.',
        '',
        'Tool calls (1):',
        '- read_file {"path":"README.md"} → ok: # Demo',
        '',
        'Deterministic checks:',
        '- references-exist: passed — README.md exists',
        '- read-before-facts: FAILED — nothing read',
      ].join('\n'),
    );
  });

  it('renders a goal with its task results, an empty answer, no references, calls or checks', () => {
    const text = renderJudgementRequest({
      scope: 'goal',
      goal: 'Count the files',
      request: 'Count the files',
      answer: '   ',
      references: [],
      evidence: [evidenceWith()],
      checks: [],
      taskResults: '[1] List — complete: 2 files',
    });
    expect(text).toBe(
      [
        'Goal: Count the files',
        '',
        'Final answer:',
        '(empty)',
        'References cited: none',
        '',
        'Task results:',
        '[1] List — complete: 2 files',
        '',
        'Tool calls (0):',
        'none — nothing was read or written',
        '',
        'Deterministic checks:',
        'none applied',
      ].join('\n'),
    );
  });

  it('shows failed calls with their error, and only the last 12 calls', () => {
    const calls = Array.from({ length: 13 }, (_, index) => ({ tool: 'read_file', args: { path: `f${index}.md` } }));
    const text = renderJudgementRequest(
      taskRequest({
        evidence: [
          evidenceWith(...calls),
          evidenceWith(
            { tool: 'list_dir', ok: false, error: 'path_not_found', output: 'Error: path_not_found' },
            { tool: 'list_dir', ok: false, output: 'denied' },
          ),
        ],
      }),
    );
    expect(text).toContain('Tool calls (15, last 12 shown):');
    expect(text).not.toContain('f2.md');
    expect(text).toContain('- read_file {"path":"f3.md"} → ok: ');
    expect(text).toContain('- list_dir {} → error (path_not_found): Error: path_not_found');
    expect(text).toContain('- list_dir {} → error: denied');
  });

  it('shows exactly 12 calls without saying some were left out', () => {
    const calls = Array.from({ length: 12 }, () => ({ tool: 'read_file' }));
    expect(renderJudgementRequest(taskRequest({ evidence: [evidenceWith(...calls)] }))).toContain('Tool calls (12):');
  });

  it('clips long answers, outputs, arguments and earlier results, saying how much was cut', () => {
    const text = renderJudgementRequest(
      taskRequest({
        answer: `  ${'a'.repeat(6010)}  `,
        priorResults: 'p'.repeat(3001),
        evidence: [evidenceWith({ tool: 'write_file', args: { content: 'c'.repeat(300) }, output: 'o'.repeat(650) })],
      }),
    );
    expect(text).toContain(`${'a'.repeat(6000)}… [10 more chars]`);
    expect(text).toContain(`${'p'.repeat(3000)}… [1 more chars]`);
    expect(text).toContain(`${'o'.repeat(600)}… [50 more chars]`);
    expect(text).toMatch(/write_file \{"content":"c+… \[114 more chars\] → ok/);
    const exact = renderJudgementRequest(taskRequest({ answer: 'a'.repeat(6000) }));
    expect(exact).toContain(`Result:\n${'a'.repeat(6000)}\nReferences`);
  });
});

describe('judgeRequestMetadata', () => {
  it('carries the request as data for in-process judges', () => {
    const checks = [{ name: 'references-exist', passed: true, detail: 'ok' }];
    const metadata = judgeRequestMetadata(
      taskRequest({
        checks,
        evidence: [
          evidenceWith(
            { tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' },
            { tool: 'list_dir', args: ['not', 'a record'], ok: false, output: 'x'.repeat(4005) },
            { tool: 'list_dir', args: null, output: '' },
            { tool: 'list_dir', args: 'raw text', output: '' },
          ),
        ],
      }),
    );
    expect(metadata).toEqual({
      role: 'judge',
      scope: 'task',
      goal: 'Document the project',
      task: { id: '1', title: 'Summarise README.md' },
      request: 'Summarise README.md (completion criteria: names the project)',
      answer: 'Demo is a demo project.',
      claimedStatus: 'complete',
      references: ['README.md', 'docs/a.md'],
      toolCalls: [
        { tool: 'read_file', arguments: { path: 'README.md' }, observation: '# Demo', ok: true },
        { tool: 'list_dir', arguments: {}, observation: 'x'.repeat(4000), ok: false },
        { tool: 'list_dir', arguments: {}, observation: '', ok: true },
        { tool: 'list_dir', arguments: {}, observation: '', ok: true },
      ],
      checks,
    });
    expect(metadata.checks[0]).not.toBe(checks[0]);
  });

  it('leaves the task and the claim out for the goal', () => {
    const metadata = judgeRequestMetadata({
      scope: 'goal',
      goal: 'g',
      request: 'g',
      answer: 'a',
      references: [],
      evidence: [],
      checks: [],
    });
    expect(metadata).not.toHaveProperty('task');
    expect(metadata).not.toHaveProperty('claimedStatus');
    expect(metadata).toMatchObject({ scope: 'goal', toolCalls: [], checks: [] });
  });
});
