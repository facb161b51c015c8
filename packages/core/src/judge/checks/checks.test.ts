import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { checkInput, evidenceWith, writeWorkspaceFile } from '../judge-test-support';
import { askedAnswerCheck } from './asked-answer-check';
import { pathMentions } from './path-mentions';
import { readBeforeFactsCheck } from './read-before-facts-check';
import { referencesExistCheck } from './references-exist-check';
import { requiredWrites } from './required-writes';
import { runChecks } from './run-checks';
import { writtenFileCheck } from './written-file-check';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  await writeWorkspaceFile(workspace.root, 'README.md', '# Demo\n');
});
afterEach(() => workspace.cleanup());

describe('path mentions and required writes', () => {
  it('finds paths, not numbers, abbreviations or URLs', () => {
    expect(pathMentions('See README.md, docs/api.md and ./src/ (v1.5, e.g. https://x.dev/a.md).')).toEqual([
      'README.md',
      'docs/api.md',
      'src',
    ]);
  });

  it('finds the file a request asks to write', () => {
    expect(requiredWrites('Read README.md and write a summary to notes/summary.md')).toEqual(['notes/summary.md']);
    expect(requiredWrites('Write a short CONTRIBUTING.md for this repository')).toEqual(['CONTRIBUTING.md']);
    expect(requiredWrites('Summarise README.md')).toEqual([]);
  });
});

describe('references-exist', () => {
  it('passes when every cited path exists and a cited URL was fetched in the task', async () => {
    const evidence = evidenceWith({ tool: 'web_search', output: 'result: https://example.com/doc' });
    const check = await referencesExistCheck(
      checkInput(workspace.root, 'Find docs', 'Found it.', {
        references: ['README.md', 'https://example.com/doc'],
        evidence: [evidence],
      }),
    );
    expect(check).toMatchObject({ name: 'references-exist', passed: true });
  });

  it('fails for a missing path, a path outside the workspace and a URL nobody fetched', async () => {
    const check = await referencesExistCheck(
      checkInput(workspace.root, 'Find docs', 'Found it.', {
        references: ['docs/missing.md', '../outside/secret.txt', 'https://example.com/never'],
      }),
    );
    expect(check?.passed).toBe(false);
    expect(check?.detail).toContain('docs/missing.md (not in the workspace)');
    expect(check?.detail).toContain('../outside/secret.txt (not a workspace path)');
    expect(check?.detail).toContain('https://example.com/never (not fetched in this task)');
  });

  it('does not apply when nothing is cited', async () => {
    expect(await referencesExistCheck(checkInput(workspace.root, 'Say hi', 'hi'))).toBeUndefined();
  });
});

describe('file-written', () => {
  const request = 'Write a summary to notes/summary.md';

  it('passes when this task wrote the non-empty file', async () => {
    await writeWorkspaceFile(workspace.root, 'notes/summary.md', '# Summary\n');
    const evidence = evidenceWith({ tool: 'write_file', args: { path: './notes/summary.md' } });
    const check = await writtenFileCheck(checkInput(workspace.root, request, 'Wrote it.', { evidence: [evidence] }));
    expect(check).toMatchObject({ name: 'file-written', passed: true });
  });

  it.each([
    ['missing', undefined, true, 'notes/summary.md does not exist'],
    ['empty', '', true, 'notes/summary.md is empty'],
    ['written earlier', 'old', false, 'was not written in this task'],
  ])('fails when the file is %s', async (_case, content, wrote, expected) => {
    if (content !== undefined) await writeWorkspaceFile(workspace.root, 'notes/summary.md', content);
    const evidence = wrote ? evidenceWith({ tool: 'write_file', args: { path: 'notes/summary.md' } }) : evidenceWith();
    const check = await writtenFileCheck(checkInput(workspace.root, request, 'Wrote it.', { evidence: [evidence] }));
    expect(check?.passed).toBe(false);
    expect(check?.detail).toContain(expected);
  });
});

describe('read-before-facts', () => {
  it('passes when a read backs the facts', async () => {
    const evidence = evidenceWith({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' });
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Summarise README.md', 'README.md is titled Demo.', { evidence: [evidence] }),
    );
    expect(check).toMatchObject({ name: 'read-before-facts', passed: true });
  });

  it('fails a task that read nothing but states facts about files', async () => {
    await writeWorkspaceFile(workspace.root, 'docs/api.md', '# API\n');
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Summarise the docs', 'docs/api.md lists 5 routes.'),
    );
    expect(check?.passed).toBe(false);
    expect(check?.detail).toContain('docs/api.md');
  });

  it('takes a path that does not exist for a proposal, not a fact', async () => {
    const check = await readBeforeFactsCheck(checkInput(workspace.root, 'Propose next steps', 'Add a tests/ folder.'));
    expect(check).toBeUndefined();
  });

  it('fails a plain-text answer about the repository with no tool call, and a read that failed does not count', async () => {
    const failedRead = evidenceWith({ tool: 'read_file', ok: false, error: 'path_not_found' });
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Describe the repository layout', 'It is well organised.', { evidence: [failedRead] }),
    );
    expect(check?.passed).toBe(false);
    expect(check?.detail).toContain('read nothing');
  });

  it('does not apply to a request that is not about the workspace and cites nothing', async () => {
    expect(await readBeforeFactsCheck(checkInput(workspace.root, 'Say hello', 'Hello!'))).toBeUndefined();
  });
});

describe('answers-question', () => {
  it('needs a number for "how many"', () => {
    const request = 'How many TypeScript files are there?';
    expect(askedAnswerCheck(checkInput(workspace.root, request, 'There are 527 TypeScript files.'))?.passed).toBe(true);
    const failed = askedAnswerCheck(checkInput(workspace.root, request, 'Listed the root folder.'));
    expect(failed?.passed).toBe(false);
    expect(failed?.detail).toContain('no number');
  });

  it('needs a "which" answer to name something the task observed', () => {
    const request = 'Which package has the most source files?';
    const evidence = evidenceWith({ tool: 'list_dir', output: '[dir] core/\n[dir] offline-model/' });
    const passed = askedAnswerCheck(
      checkInput(workspace.root, request, 'core has the most (120 files).', { evidence: [evidence] }),
    );
    expect(passed?.passed).toBe(true);
    const failed = askedAnswerCheck(
      checkInput(workspace.root, request, 'The package with the most source files.', { evidence: [evidence] }),
    );
    expect(failed?.passed).toBe(false);
  });

  it('does not apply to other requests', () => {
    expect(askedAnswerCheck(checkInput(workspace.root, 'Summarise README.md', 'Demo.'))).toBeUndefined();
  });
});

describe('runChecks', () => {
  it('runs only the checks that apply, in order', async () => {
    const evidence = evidenceWith({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' });
    const checks = await runChecks(
      checkInput(workspace.root, 'How many headings does README.md have?', 'One heading.', {
        references: ['README.md'],
        evidence: [evidence],
      }),
    );
    expect(checks.map((check) => [check.name, check.passed])).toEqual([
      ['references-exist', true],
      ['read-before-facts', true],
      ['answers-question', true],
    ]);
  });
});
