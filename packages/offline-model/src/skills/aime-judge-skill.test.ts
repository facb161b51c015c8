import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { emptyEvidence, Judge, type TaskEvidence, type ToolCallEvidence } from '@gepa-aime/core';
import { tempWorkspace } from '@gepa-aime/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineModel } from '../offline-model';

let root: string;
beforeEach(() => {
  root = tempWorkspace();
  for (const [path, text] of Object.entries({
    'README.md': '# Demo\n',
    'packages/a/src/x.ts': 'x',
    'packages/b/src/y.ts': 'y',
  })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function evidence(...calls: Array<Partial<ToolCallEvidence> & { tool: string }>): TaskEvidence {
  return {
    ...emptyEvidence('1'),
    toolCalls: calls.map((call) => ({ args: {}, ok: true, output: '', ms: 1, ...call })),
  };
}

const found = (count: number, path = '.', glob = '**/*.{ts,tsx}') =>
  `Found ${count} files matching "${glob}" in ${path} (3 folders walked; not counted: hidden entries, symlinks, and anything inside node_modules/, .git/ or dist/)`;
const listing = 'Directory . (3 entries, depth 3):\n[dir] packages/\n  [dir] a/\n[file] README.md (7 B)';

/** The offline model as the judge, through core's Judge (checks, then the judge request with its metadata). */
async function judge(title: string, summary: string, taskEvidence: TaskEvidence, references: string[] = []) {
  const judgeOfModel = new Judge({ mode: 'model', model: new OfflineModel() });
  return judgeOfModel.judgeTask({
    goal: title,
    task: { id: '1', title },
    report: { status: 'complete', summary, references },
    evidence: taskEvidence,
    workspaceRoot: root,
    signal: new AbortController().signal,
  });
}

describe('the offline judge skill', () => {
  it('passes a count that find_files walked, and says where it comes from', async () => {
    const judgement = await judge(
      'How many TypeScript files are there?',
      'There are 2 TypeScript files (.ts, .tsx) in the workspace.',
      evidence({ tool: 'find_files', args: { glob: '**/*.{ts,tsx}' }, output: found(2) }),
    );
    expect(judgement.source).toBe('model');
    expect(judgement.verdict).toMatchObject({ verdict: 'pass', score: 1 });
    expect(judgement.verdict.feedback).toContain('The count 2 is what find_files found walking .');
  });

  it('fails a number taken from a listing, and a number find_files did not count', async () => {
    const sampled = await judge(
      'How many TypeScript files are there?',
      'There are 65 TypeScript files.',
      evidence({ tool: 'list_dir', args: { path: '.', depth: 3 }, output: listing }),
    );
    expect(sampled.verdict).toMatchObject({ verdict: 'fail', score: 0 });
    expect(sampled.verdict.feedback).toContain('folder listing');
    expect(sampled.verdict.feedback).toContain('find_files');
    const wrong = await judge(
      'How many TypeScript files are there?',
      'There are 65 TypeScript files.',
      evidence({ tool: 'find_files', output: found(527) }),
    );
    expect(wrong.verdict.verdict).toBe('fail');
    expect(wrong.verdict.feedback).toContain('(527)');
  });

  it('fails a listing returned for "which package has the most", passes the counted top package', async () => {
    const title = 'Which package has the most source files?';
    const listed = await judge(
      title,
      'Directory . (3 entries):\n[dir] packages/',
      evidence({ tool: 'list_dir', output: listing }),
    );
    expect(listed.verdict.verdict).toBe('fail');
    expect(listed.verdict.feedback).toContain('The answer is a listing, not a choice');
    const walks = evidence(
      { tool: 'find_files', output: found(4, 'packages/a') },
      { tool: 'find_files', output: found(9, 'packages/b') },
    );
    const wrong = await judge(title, 'packages/a is the package with the most: 4.', walks);
    expect(wrong.verdict).toMatchObject({ verdict: 'fail' });
    expect(wrong.verdict.feedback).toContain('The counts say packages/b has the most (9)');
    const right = await judge(title, 'packages/b is the package with the most: 9 (packages/a 4).', walks);
    expect(right.verdict).toMatchObject({ verdict: 'pass', score: 1 });
  });

  it('compares folders from the per-folder counts of one walk', async () => {
    const title = 'Which folder has the most Markdown files?';
    const walk = evidence({
      tool: 'find_files',
      output: `${found(5, '.', '**/*.md')}\nBy folder: docs/ 3, (top level) 1, notes/ 1`,
    });
    const right = await judge(title, 'docs is the folder with the most Markdown files: 3 (notes 1).', walk);
    expect(right.verdict).toMatchObject({ verdict: 'pass', score: 1 });
    const wrong = await judge(title, 'notes is the folder with the most Markdown files: 1.', walk);
    expect(wrong.verdict.verdict).toBe('fail');
    expect(wrong.verdict.feedback).toContain('The counts say docs has the most (3)');
  });

  it('fails a CONTRIBUTING.md without setup, test and commit content; a complete one not re-read is partial', async () => {
    const title = 'Write a short CONTRIBUTING.md for this repository';
    const blurb = '# CONTRIBUTING.md\n\n## Demo\n\nA demo project.\n\n## Files\n\n- README.md\n';
    writeFileSync(join(root, 'CONTRIBUTING.md'), blurb);
    const written = (content: string) => ({ tool: 'write_file', args: { path: 'CONTRIBUTING.md', content } });
    const empty = await judge(
      title,
      'Wrote CONTRIBUTING.md.',
      evidence({ tool: 'read_file', output: '# Demo' }, written(blurb)),
    );
    expect(empty.verdict.verdict).toBe('fail');
    expect(empty.verdict.feedback).toContain('CONTRIBUTING.md has no section on setup, tests, commits');
    const guide =
      '# Contributing\n\n## Setup\n\n`pnpm install`\n\n## Running the tests\n\n`pnpm test`\n\n## Before you commit\n\n`pnpm lint`\n';
    writeFileSync(join(root, 'CONTRIBUTING.md'), guide);
    const unread = await judge(
      title,
      'Wrote CONTRIBUTING.md.',
      evidence({ tool: 'read_file', output: '# Demo' }, written(guide)),
    );
    expect(unread.verdict).toMatchObject({ verdict: 'partial', score: 0.6 });
    const reread = await judge(
      title,
      'Wrote CONTRIBUTING.md.',
      evidence({ tool: 'read_file', output: '# Demo' }, written(guide), {
        tool: 'read_file',
        args: { path: 'CONTRIBUTING.md' },
        output: guide,
      }),
    );
    expect(reread.verdict).toMatchObject({ verdict: 'pass', score: 1 });
  });

  it('fails what the offline model cannot do, pointing at docs/models.md', async () => {
    const judgement = await judge(
      'Translate README.md into French',
      'README.md is titled Demo.',
      evidence({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' }),
    );
    expect(judgement.verdict).toMatchObject({ verdict: 'fail', score: 0 });
    expect(judgement.verdict.feedback).toContain(
      'the offline model cannot do this; configure a model (docs/models.md)',
    );
  });

  it('passes other answers, scored down for each failed tool call', async () => {
    const clean = await judge(
      'Summarise README.md',
      'README.md is titled Demo.',
      evidence({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' }),
    );
    expect(clean.verdict).toMatchObject({ verdict: 'pass', score: 1 });
    const bumpy = await judge(
      'Summarise README.md',
      'README.md is titled Demo.',
      evidence(
        { tool: 'read_file', args: { path: 'readme.txt' }, ok: false, output: 'Error: not found' },
        { tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' },
      ),
    );
    expect(bumpy.verdict).toMatchObject({ verdict: 'pass', score: 0.9 });
    expect(bumpy.verdict.feedback).toContain('1 tool call failed along the way');
  });
});
