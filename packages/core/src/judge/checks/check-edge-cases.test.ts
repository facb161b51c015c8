import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { checkInput, evidenceWith, writeWorkspaceFile } from '../judge-test-support';
import { askedAnswerCheck } from './asked-answer-check';
import { isUrl, normalizePath, pathMentions } from './path-mentions';
import { readBeforeFactsCheck } from './read-before-facts-check';
import { referencesExistCheck } from './references-exist-check';
import { requiredWrites } from './required-writes';
import { writtenFileCheck } from './written-file-check';

/**
 * The edges of the deterministic checks, and the exact feedback they give: the detail is what the
 * reflection model reads, so a check that passes or fails with the wrong words teaches GEPA wrong.
 * (Found by a mutation run over judge/checks: these cases kept mutants alive.)
 */
let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  await writeWorkspaceFile(workspace.root, 'README.md', '# Demo\n');
});
afterEach(() => workspace.cleanup());

describe('normalizePath', () => {
  it.each([
    ['./docs/', 'docs'],
    ['docs//', 'docs'],
    ['  docs\\api.md ', 'docs/api.md'],
    ['./', '.'],
    ['', '.'],
  ])('%j → %j', (path, expected) => {
    expect(normalizePath(path)).toBe(expected);
  });
});

describe('pathMentions edges', () => {
  it('keeps short, long and versioned paths and strips trailing punctuation runs', () => {
    expect(pathMentions('Edit a.c, config.yaml and docs/v2 — see README.md?!')).toEqual([
      'a.c',
      'config.yaml',
      'docs/v2',
      'README.md',
    ]);
  });

  it('skips abbreviations, fractions, drive-like prefixes, fragments and hyphenated words', () => {
    expect(
      pathMentions('e.g. i.e. etc. vs. a.m. p.m. 1/2 10/20 C:bad/x.md docs/a.md#top a node.js-based tool'),
    ).toEqual([]);
  });

  it('treats http and https at the start, in any case, as a URL', () => {
    expect(pathMentions('HTTPS://example.com/a.md')).toEqual([]);
    expect(['http://x.dev/a', 'HTTPS://x.dev', 'see https://x.dev', 'docs/https.md'].map(isUrl)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('requiredWrites edges', () => {
  it.each([
    ['Write a summary of README.md to notes/summary.md', ['notes/summary.md']],
    ['Read src/app.ts and write notes.md', ['notes.md']],
    ['Write docs/guide.md summarising the repository', ['docs/guide.md']],
    ['Create notes/a.md, then read README.md', ['notes/a.md']],
    ['Save the findings into the file `out/findings.json`', ['out/findings.json']],
    ['Write a short summary for the team about README.md', []],
  ])('%s', (request, expected) => {
    expect(requiredWrites(request)).toEqual(expected);
  });
});

describe('references-exist edges', () => {
  it('counts a URL a tool call was given as fetched, and says how many references exist', async () => {
    const fetched = evidenceWith({ tool: 'fetch_url', args: { url: 'https://example.com/spec' }, output: '<html>' });
    const check = await referencesExistCheck(
      checkInput(workspace.root, 'Read the spec', 'The spec says X.', {
        references: ['README.md', 'https://example.com/spec'],
        evidence: [fetched],
      }),
    );
    expect(check).toEqual({ name: 'references-exist', passed: true, detail: 'all 2 cited reference(s) exist' });
  });

  it('lists only the missing references in its feedback', async () => {
    const check = await referencesExistCheck(
      checkInput(workspace.root, 'Find docs', 'Found.', { references: ['README.md', 'docs/gone.md'] }),
    );
    expect(check).toEqual({
      name: 'references-exist',
      passed: false,
      detail: 'cited references that do not exist: docs/gone.md (not in the workspace)',
    });
  });
});

describe('file-written edges', () => {
  const request = 'Write a summary to notes/summary.md';

  it('says which file was written', async () => {
    await writeWorkspaceFile(workspace.root, 'notes/summary.md', '# Summary\n');
    const evidence = evidenceWith({ tool: 'write_file', args: { path: 'notes/summary.md' } });
    const check = await writtenFileCheck(checkInput(workspace.root, request, 'Wrote it.', { evidence: [evidence] }));
    expect(check).toEqual({ name: 'file-written', passed: true, detail: 'wrote notes/summary.md' });
  });

  it('does not count a failed write_file, nor another tool given the same path', async () => {
    await writeWorkspaceFile(workspace.root, 'notes/summary.md', 'from an earlier run');
    const evidence = evidenceWith(
      { tool: 'write_file', args: { path: 'notes/summary.md' }, ok: false, error: 'timeout' },
      { tool: 'read_file', args: { path: 'notes/summary.md' }, output: 'from an earlier run' },
    );
    const check = await writtenFileCheck(checkInput(workspace.root, request, 'Wrote it.', { evidence: [evidence] }));
    expect(check).toEqual({
      name: 'file-written',
      passed: false,
      detail: 'notes/summary.md was not written in this task (no successful write_file call)',
    });
  });

  it('joins several problems into one feedback', async () => {
    await writeWorkspaceFile(workspace.root, 'b.md', '');
    const check = await writtenFileCheck(checkInput(workspace.root, 'Write a.md and create b.md', 'Done.'));
    expect(check?.detail).toBe('a.md does not exist; b.md is empty');
  });
});

describe('read-before-facts edges', () => {
  it('does not take a cited URL, a file the task wrote or a path from earlier results for a file fact', async () => {
    await writeWorkspaceFile(workspace.root, 'notes.md', 'mine');
    const wrote = evidenceWith({ tool: 'write_file', args: { path: 'notes.md' } });
    expect(
      await readBeforeFactsCheck(
        checkInput(workspace.root, 'Say hello', 'Hello, see notes.md.', {
          references: ['https://example.com/hello'],
          evidence: [wrote],
        }),
      ),
    ).toBeUndefined();
    expect(
      await readBeforeFactsCheck(
        checkInput(workspace.root, 'Say hello', 'README.md is titled Demo.', { priorResults: 'README.md: # Demo' }),
      ),
    ).toBeUndefined();
  });

  it('does not apply to a workspace request that writes a file or builds on earlier results', async () => {
    await writeWorkspaceFile(workspace.root, 'notes/s.md', 'summary');
    const wrote = evidenceWith({ tool: 'write_file', args: { path: 'notes/s.md' } });
    expect(
      await readBeforeFactsCheck(
        checkInput(workspace.root, 'Write a summary of the repository to notes/s.md', 'Done.', { evidence: [wrote] }),
      ),
    ).toBeUndefined();
    expect(
      await readBeforeFactsCheck(
        checkInput(workspace.root, 'Describe the folders', 'Two folders.', { priorResults: 'src and docs' }),
      ),
    ).toBeUndefined();
  });

  it('does not count update_progress as a read', async () => {
    const progressOnly = evidenceWith({ tool: 'update_progress', args: { message: 'reading' }, output: 'ok' });
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Describe the folder layout', 'Two folders.', { evidence: [progressOnly] }),
    );
    expect(check).toEqual({
      name: 'read-before-facts',
      passed: false,
      detail:
        'the request is about the workspace but the task read nothing (no successful read_file, list_dir or search_files call)',
    });
  });

  it('says how many reads back the answer', async () => {
    const reads = evidenceWith(
      { tool: 'list_dir', args: { path: '.' }, output: 'README.md' },
      { tool: 'read_file', args: { path: 'README.md' }, output: '# Demo' },
    );
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Describe the repo', 'README.md is titled Demo.', { evidence: [reads] }),
    );
    expect(check).toEqual({ name: 'read-before-facts', passed: true, detail: '2 successful read(s) back the answer' });
  });

  it('names at most five cited paths, each once', async () => {
    const paths = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md'];
    for (const path of paths) await writeWorkspaceFile(workspace.root, path, path);
    const check = await readBeforeFactsCheck(
      checkInput(workspace.root, 'Say hello', `${paths.join(' ')} a.md`, { references: ['a.md'] }),
    );
    expect(check?.detail).toBe(
      'the answer states facts about a.md, b.md, c.md, d.md, e.md but the task read nothing (no successful read_file, list_dir or search_files call)',
    );
  });
});

describe('answers-question edges', () => {
  const listing = evidenceWith({ tool: 'list_dir', output: 'package core/\npackage cli/\nok go' });

  it('does not accept a word the request itself used', () => {
    const check = askedAnswerCheck(
      checkInput(workspace.root, 'Which Package is largest?', 'It is a package, I think', { evidence: [listing] }),
    );
    expect(check).toEqual({
      name: 'answers-question',
      passed: false,
      detail: 'the request asks which one, but the answer names nothing the task observed',
    });
  });

  it('matches names case-insensitively, also at the end of a sentence, and says which name', () => {
    const check = askedAnswerCheck(
      checkInput(workspace.root, 'Which package is largest?', 'The largest is CORE.', { evidence: [listing] }),
    );
    expect(check).toEqual({
      name: 'answers-question',
      passed: true,
      detail: 'the answer names "core", which the observations contain',
    });
  });

  it('does not take a function word both texts share for a name', () => {
    const prose = evidenceWith({ tool: 'read_file', output: 'core is the largest for now' });
    const check = askedAnswerCheck(
      checkInput(workspace.root, 'Which package is largest?', 'It is the one for you', { evidence: [prose] }),
    );
    expect(check?.passed).toBe(false);
  });

  it('ignores names shorter than three characters', () => {
    expect(askedAnswerCheck(checkInput(workspace.root, 'Which one?', 'go', { evidence: [listing] }))?.passed).toBe(
      false,
    );
  });

  it('says that a how-many answer gives a number', () => {
    expect(askedAnswerCheck(checkInput(workspace.root, 'Count the files', 'Twelve.'))).toEqual({
      name: 'answers-question',
      passed: true,
      detail: 'the answer gives a number',
    });
  });
});
