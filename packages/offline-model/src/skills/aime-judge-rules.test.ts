import type { ActorStep } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { type JudgeCase, judgeOffline } from './aime-judge-rules';

const step = (tool: string, observation = '', extra: Partial<ActorStep> = {}): ActorStep => ({
  tool,
  arguments: {},
  observation,
  ok: true,
  ...extra,
});
const found = (count: number, path = '.', glob = '**/*.ts', atLeast = false) =>
  `Found ${atLeast ? 'at least ' : ''}${count} files${glob ? ` matching "${glob}"` : ''} in ${path} (3 folders walked; not counted: hidden entries)`;
const walk = (...args: Parameters<typeof found>) => step('find_files', found(...args));
const judgeTask = (request: string, answer: string, ...toolCalls: ActorStep[]) =>
  judgeOffline({ scope: 'task', request, answer, toolCalls } satisfies JudgeCase);

describe('the offline judge: no rule applies', () => {
  it('passes, naming the distinct tools that succeeded and scoring down each failed call', () => {
    expect(judgeTask('Summarise README.md', 'Demo.', step('read_file'))).toEqual({
      score: 1,
      verdict: 'pass',
      feedback:
        "The offline judge's rules found nothing missing: the answer is backed by 1 successful tool call (read_file).",
    });
    const bumpy = judgeTask(
      'Summarise README.md',
      'Demo.',
      step('read_file'),
      step('read_file', '', { ok: false }),
      step('list_dir'),
      step('search_files', '', { ok: false }),
      step('read_file'),
    );
    expect(bumpy).toEqual({
      score: 0.8,
      verdict: 'pass',
      feedback:
        "The offline judge's rules found nothing missing: the answer is backed by 3 successful tool calls (read_file, list_dir); 2 tool calls failed along the way.",
    });
  });

  it('scores an answer without a successful call of its own lower, never under 0.7', () => {
    expect(judgeTask('Summarise README.md', 'Demo.')).toEqual({
      score: 0.9,
      verdict: 'pass',
      feedback:
        "The offline judge's rules found nothing missing: the answer is built from earlier results without a tool call of its own.",
    });
    const failing = judgeTask(
      'Summarise README.md',
      'Demo.',
      ...Array.from({ length: 4 }, () => step('read_file', '', { ok: false })),
    );
    expect(failing.score).toBe(0.7);
    expect(failing.feedback).toContain('without a tool call of its own; 4 tool calls failed along the way.');
    expect(judgeTask('Summarise README.md', 'Demo.', step('read_file', '', { ok: false })).feedback).toContain(
      '; 1 tool call failed along the way.',
    );
  });
});

describe('the offline judge: what it cannot do', () => {
  it('lets an MCP tool that answered do what the offline model cannot, but not one that failed', () => {
    const request = 'Translate README.md into French';
    expect(judgeTask(request, 'Traduit.', step('docs__translate')).verdict).toBe('pass');
    expect(judgeTask(request, 'Traduit.', step('docs__translate', '', { ok: false })).verdict).toBe('fail');
    expect(judgeTask(request, 'Traduit.', step('read_file')).verdict).toBe('fail');
  });

  it('fails an answer admitting it has no rule for the request', () => {
    expect(
      judgeTask('Summarise README.md', 'The offline model has no rule for this request.', step('read_file')),
    ).toEqual({
      score: 0,
      verdict: 'fail',
      feedback:
        'The answer says the offline model has no rule for this request: the offline model cannot do this; configure a model (docs/models.md).',
    });
  });
});

describe('the offline judge: counts', () => {
  const request = 'How many TypeScript files are there?';

  it('tells a listing from no count at all; failed or unreadable walks count for nothing', () => {
    const nothing = judgeTask(
      request,
      '7 files.',
      step('read_file'),
      step('list_dir', '', { ok: false }),
      step('find_files', found(7), { ok: false }),
    );
    expect(nothing.feedback).toMatch(/^Nothing was counted/);
    const listed = judgeTask(request, '7 files.', step('read_file'), step('list_dir'));
    expect(listed.feedback).toMatch(/^The number comes from a folder listing/);
  });

  it('passes a walked count of any size, naming where and for which glob it was walked', () => {
    expect(
      judgeTask(request, 'There are 12 files.', step('find_files', 'No files match.'), walk(12, 'packages/a')),
    ).toEqual({
      score: 1,
      verdict: 'pass',
      feedback:
        'The count 12 is what find_files found walking packages/a (glob "**/*.ts"), and the answer says what was not counted.',
    });
    expect(judgeTask(request, 'There are 3 files.', walk(3, 'docs', '')).feedback).toBe(
      'The count 3 is what find_files found walking docs, and the answer says what was not counted.',
    );
  });

  it('fails a number no walk counted, listing the counts, and calls a capped walk a lower bound', () => {
    expect(judgeTask(request, 'There are 65 files.', walk(527), walk(3))).toEqual({
      score: 0.1,
      verdict: 'fail',
      feedback:
        "The answer's number is not one find_files counted (527, 3); report the walked count and what it counted.",
    });
    expect(judgeTask(request, 'At least 500 files.', walk(500, '.', '**/*.ts', true))).toEqual({
      score: 0.5,
      verdict: 'partial',
      feedback: 'find_files stopped at its file limit, so 500 is a lower bound; count sub-folders and add them up.',
    });
  });
});

describe('the offline judge: which has the most or fewest', () => {
  const most = 'Which package has the most source files?';
  const twoPackages = [walk(4, 'packages/a'), walk(9, 'packages/b')];

  it('passes the counted top candidate with its count; names without the count are partial', () => {
    expect(judgeTask(most, 'packages/b: 9 (packages/a 4).', ...twoPackages)).toEqual({
      score: 1,
      verdict: 'pass',
      feedback: 'packages/b has the most (9) of 2 counted candidates, as the answer says.',
    });
    expect(judgeTask(most, 'packages/b has the most.', ...twoPackages)).toEqual({
      score: 0.6,
      verdict: 'partial',
      feedback: 'The answer names packages/b but not its count (9); give the counts it compared.',
    });
  });

  it('picks the fewest when asked, and the first of equal counts', () => {
    expect(
      judgeTask('Which package has the fewest source files?', 'packages/a: 4 (packages/b 9).', ...twoPackages).feedback,
    ).toBe('packages/a has the fewest (4) of 2 counted candidates, as the answer says.');
    const tied = [walk(9, 'packages/a'), walk(9, 'packages/b'), walk(4, 'packages/c')];
    expect(judgeTask(most, 'packages/a: 9.', ...tied).verdict).toBe('pass');
    expect(
      judgeTask(
        'Which package has the fewest source files?',
        'packages/c: 4.',
        walk(4, 'packages/c'),
        walk(4, 'packages/d'),
      ).verdict,
    ).toBe('pass');
  });

  it('ignores the root walk and package.json walks as candidates, and a failed walk', () => {
    const walks = [
      walk(20, '.'),
      walk(30, 'packages/c', '**/package.json'),
      ...twoPackages,
      step('find_files', found(50, 'packages/z'), { ok: false }),
    ];
    expect(judgeTask(most, 'packages/b: 9 (packages/a 4).', ...walks).feedback).toBe(
      'packages/b has the most (9) of 2 counted candidates, as the answer says.',
    );
  });

  it('compares the per-folder counts of one walk, without the top level', () => {
    const byFolder = step('find_files', `${found(9, '.', '**/*.md')}\nBy folder: docs/api/ 3, (top level) 5, notes/ 1`);
    expect(judgeTask('Which folder has the most Markdown files?', 'docs/api: 3 (notes 1).', byFolder)).toMatchObject({
      verdict: 'pass',
      feedback: 'docs/api has the most (3) of 2 counted candidates, as the answer says.',
    });
  });

  it('fails with fewer than two candidates, calling a listing a listing', () => {
    expect(
      judgeTask(most, 'The Directory listing shows packages/a: 4.', step('read_file'), walk(4, 'packages/a')).feedback,
    ).toMatch(/^fewer than two candidates were counted \(1\); .* name the one with the most, with the counts\.$/);
    expect(
      judgeTask('Which package has the fewest files?', 'Directory .\n[dir] packages/', walk(4, 'packages/a')).feedback,
    ).toMatch(
      /^The answer is a listing, not a choice: fewer than two candidates were counted \(1\);.* the fewest, with the counts\.$/,
    );
  });
});

describe('the offline judge: evidence it must not take', () => {
  it('lets one answered MCP call among others do the work, and counts only find_files walks', () => {
    expect(
      judgeTask('Translate README.md into French', 'Traduit.', step('read_file'), step('docs__translate')).verdict,
    ).toBe('pass');
    expect(judgeTask('How many TypeScript files are there?', '7 files.', step('read_file', found(7))).feedback).toMatch(
      /^Nothing was counted/,
    );
    expect(judgeTask('How many TypeScript files are there?', 'Many files.', walk(3))).toMatchObject({
      score: 0.1,
      verdict: 'fail',
    });
  });

  it('finds the fewest wherever it comes, and calls an answer without any walk a listing', () => {
    const fewest = 'Which package has the fewest source files?';
    expect(judgeTask(fewest, 'packages/a: 4.', walk(9, 'packages/b'), walk(4, 'packages/a')).verdict).toBe('pass');
    expect(judgeTask(fewest, 'packages/a.', step('list_dir')).feedback).toMatch(
      /^The answer is a listing, not a choice: /,
    );
  });
});

describe('the offline judge: a contributing guide', () => {
  const request = 'Write a short CONTRIBUTING.md for this repository';
  const written = (content: string, extra: Partial<ActorStep> = {}) =>
    step('write_file', 'Wrote it.', { arguments: { path: 'CONTRIBUTING.md', content }, ...extra });
  const reread = (extra: Partial<ActorStep> = {}) =>
    step('read_file', 'text', { arguments: { path: 'CONTRIBUTING.md' }, ...extra });
  const guide = '# Contributing\n\n##  Setup\n\n## Test\n\n### PR checklist\n';

  it('fails a guide that was not written, or written elsewhere or by a failed call', () => {
    const notWritten = 'CONTRIBUTING.md was not written: write it with write_file.';
    expect(judgeTask(request, 'Done.')).toEqual({ score: 0, verdict: 'fail', feedback: notWritten });
    expect(judgeTask(request, 'Done.', written(guide, { ok: false })).feedback).toBe(notWritten);
    expect(
      judgeTask(
        request,
        'Done.',
        step('write_file', '', { arguments: { path: 'docs/CONTRIBUTING.txt', content: guide } }),
      ).feedback,
    ).toBe(notWritten);
  });

  it('names the missing sections and how to fill them, counting only level-2 and level-3 headings at line starts', () => {
    expect(judgeTask(request, 'Done.', written('# Setup\n\nsee ## Tests\n\n#### Commits\n'))).toEqual({
      score: 0,
      verdict: 'fail',
      feedback:
        'CONTRIBUTING.md has no section on setup, tests, commits; add the install command and requirements (package.json, the README quick start); the test scripts from package.json; what to run before committing (lint/format scripts) and how to submit changes.',
    });
    expect(judgeTask(request, 'Done.', written('## Setup\n'))).toMatchObject({
      score: 0.2,
      feedback: expect.stringMatching(/^CONTRIBUTING.md has no section on tests, commits; add the test scripts/),
    });
  });

  it('passes a complete guide only when read back after the write', () => {
    const partial = {
      score: 0.6,
      verdict: 'partial',
      feedback:
        'CONTRIBUTING.md has setup, test and commit sections but was not re-read after writing; read it back to confirm it is in place.',
    };
    expect(judgeTask(request, 'Done.', reread(), written(guide))).toEqual(partial);
    expect(judgeTask(request, 'Done.', written(guide), reread({ ok: false }))).toEqual(partial);
    expect(judgeTask(request, 'Done.', written(guide), reread({ arguments: { path: 'README.md' } }))).toEqual(partial);
    expect(
      judgeTask(request, 'Done.', written(guide), step('list_dir', '', { arguments: { path: 'CONTRIBUTING.md' } })),
    ).toEqual(partial);
    expect(judgeTask(request, 'Done.', written(guide), reread())).toEqual({
      score: 1,
      verdict: 'pass',
      feedback: 'CONTRIBUTING.md was written with sections Setup, Test, PR checklist and re-read.',
    });
  });

  it('leaves other writes and other requests about the guide to the general rule', () => {
    expect(judgeTask('Write docs/notes.md', 'Done.', step('write_file')).verdict).toBe('pass');
    expect(judgeTask('Summarise CONTRIBUTING.md', 'It explains setup.', step('read_file')).verdict).toBe('pass');
  });
});
