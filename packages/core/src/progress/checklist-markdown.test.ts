import { describe, expect, it } from 'vitest';
import { parseChecklist, renderChecklist } from './checklist-markdown';
import { ProgressManager } from './progress-manager';

function roundTrip(markdown: string): string {
  return ProgressManager.fromMarkdown(markdown).toMarkdown();
}

describe('checklist markdown', () => {
  it('parses the seed-style checklist without metadata and assigns hierarchical ids', () => {
    const seed = [
      '- [x] Summarise the repository layout',
      '- [-] Propose next steps',
      '    - [x] Read the README',
      '    - [ ] Draft the proposal',
      '- [ ] Review the result',
      '',
    ].join('\n');
    const manager = ProgressManager.fromMarkdown(seed, 'Summarise the repository layout and propose next steps');
    expect(manager.flatten().map((task) => [task.id, task.status, task.depth, task.title])).toEqual([
      ['1', 'complete', 0, 'Summarise the repository layout'],
      ['2', 'in_progress', 0, 'Propose next steps'],
      ['2.1', 'complete', 1, 'Read the README'],
      ['2.2', 'pending', 1, 'Draft the proposal'],
      ['3', 'pending', 0, 'Review the result'],
    ]);
    const rendered = manager.toMarkdown();
    expect(rendered).toContain('- [x] Summarise the repository layout <!-- id: 1 -->');
    expect(rendered).toContain('    - [ ] Draft the proposal <!-- id: 2.2 -->');
    expect(roundTrip(rendered)).toBe(rendered);
  });

  it('round-trips three levels with criteria, dependencies, persona, bundles, results and failures', () => {
    const manager = new ProgressManager('Ship the report');
    manager.setTasks([
      {
        title: 'Research',
        completionCriteria: 'sources listed in notes/sources.md',
        children: [
          {
            title: 'Survey the workspace',
            persona: 'meticulous analyst; cites paths',
            bundles: ['default', 'progress'],
            children: [{ title: 'List top-level folders' }, { title: 'Read README.md', dependsOn: ['1.1.1'] }],
          },
          { title: 'Search the web', bundles: ['web'] },
        ],
      },
      { title: 'Write the report', dependsOn: ['1'], completionCriteria: 'notes/report.md exists' },
    ]);
    manager.markComplete('1.1.1', 'Found apps/, packages/ and docs/', ['.']);
    manager.markFailed('1.2', 'no network access');
    manager.markInProgress('1.1.2', 'reading');
    const markdown = manager.toMarkdown();
    expect(markdown).toBe(
      [
        '- [-] Research <!-- id: 1 -->',
        '    > Done when: sources listed in notes/sources.md',
        '    - [-] Survey the workspace <!-- id: 1.1; persona: meticulous analyst\\; cites paths; bundles: default, progress -->',
        '        - [x] List top-level folders <!-- id: 1.1.1 -->',
        '            > Result: Found apps/, packages/ and docs/',
        '            > References: .',
        '        - [-] Read README.md <!-- id: 1.1.2; after: 1.1.1 -->',
        '            > Progress: reading',
        '    - [!] Search the web <!-- id: 1.2; bundles: web -->',
        '        > Result: no network access',
        '        > Note: failed: no network access',
        '- [ ] Write the report <!-- id: 2; after: 1 -->',
        '    > Done when: notes/report.md exists',
        '',
      ].join('\n'),
    );
    expect(roundTrip(markdown)).toBe(markdown);
    const parsed = ProgressManager.fromMarkdown(markdown, 'Ship the report');
    expect(parsed.getTask('1.1')?.persona).toBe('meticulous analyst; cites paths');
    expect(parsed.getTask('1.1')?.bundles).toEqual(['default', 'progress']);
    expect(parsed.getTask('1.2')?.status).toBe('failed');
    expect(parsed.getTask('1.1.1')?.references).toEqual(['.']);
    expect(parsed.flatten()).toEqual(manager.flatten());
  });

  it('round-trips unicode titles and odd characters in metadata', () => {
    const manager = new ProgressManager('Übersetzung');
    manager.setTasks([
      { id: 'α', title: 'Lire le fichier « README » 📄', persona: 'traducteur -> expert, précis' },
      { title: '总结仓库结构', dependsOn: ['α'], bundles: ['défaut'] },
      { title: 'A title with <!-- a comment --> inside' },
    ]);
    manager.markComplete('α', 'Résumé: ✓ done\nsecond line');
    const markdown = manager.toMarkdown();
    expect(markdown).toContain('> Result: Résumé: ✓ done second line');
    expect(roundTrip(markdown)).toBe(markdown);
    const parsed = ProgressManager.fromMarkdown(markdown);
    expect(parsed.getTask('α')?.persona).toBe('traducteur -> expert, précis');
    expect(parsed.getTask('2')?.title).toBe('总结仓库结构');
    expect(parsed.getTask('2')?.dependsOn).toEqual(['α']);
    expect(parsed.getTask('3')?.title).toBe('A title with <!-- a comment --> inside');
  });

  it('accepts two-space and tab indentation, star bullets, [X] and a goal heading', () => {
    const parsed = parseChecklist('# Goal: Tidy up\n\n* [X] one\n  * [ ] two\n  - [!] three\nsome prose\n');
    expect(parsed.goal).toBe('Tidy up');
    expect(parsed.tasks).toHaveLength(1);
    expect(parsed.tasks[0]?.status).toBe('complete');
    expect(parsed.tasks[0]?.children.map((child) => [child.title, child.status])).toEqual([
      ['two', 'pending'],
      ['three', 'failed'],
    ]);
    const tabbed = parseChecklist('- [ ] a\n\t- [x] b\n\t\t- [-] c\n\t- [ ] d\n');
    expect(tabbed.tasks[0]?.children.map((child) => child.title)).toEqual(['b', 'd']);
    expect(tabbed.tasks[0]?.children[0]?.children[0]?.status).toBe('in_progress');
    const manager = ProgressManager.fromMarkdown('# Goal: Tidy up\n* [X] one\n  * [ ] two\n');
    expect(manager.goal).toBe('Tidy up');
    // A parent's mark is not trusted: its status derives from its children.
    expect(manager.getTask('1')?.status).toBe('pending');
  });

  it('writes a cancelled task as [~] and reads it back; [/] still reads as in progress', () => {
    const manager = new ProgressManager('Ship it');
    manager.setTasks([{ title: 'Build', children: [{ title: 'Compile' }, { title: 'Link' }] }, { title: 'Test' }]);
    manager.markComplete('1.1', 'compiled');
    manager.markInProgress('1.2');
    manager.markCancelled('1.2');
    const markdown = manager.toMarkdown();
    expect(markdown).toBe(
      [
        '- [~] Build <!-- id: 1 -->',
        '    - [x] Compile <!-- id: 1.1 -->',
        '        > Result: compiled',
        '    - [~] Link <!-- id: 1.2 -->',
        '        > Result: the run was cancelled',
        '        > Note: cancelled: the run was cancelled',
        '- [ ] Test <!-- id: 2 -->',
        '',
      ].join('\n'),
    );
    expect(roundTrip(markdown)).toBe(markdown);
    expect(
      ProgressManager.fromMarkdown(markdown)
        .flatten()
        .map((task) => task.status),
    ).toEqual(['cancelled', 'complete', 'cancelled', 'pending']);
    expect(parseChecklist('- [/] started\n').tasks[0]?.status).toBe('in_progress');
  });

  it('keeps a trailing comment that is not metadata in the title', () => {
    const parsed = parseChecklist('- [ ] Fix it <!-- later -->\n');
    expect(parsed.tasks[0]?.title).toBe('Fix it <!-- later -->');
    expect(parsed.tasks[0]?.id).toBe('');
  });

  it('shows the last progress report only while the task is in progress', () => {
    const manager = new ProgressManager('Write the notes');
    manager.setTasks([{ title: 'Draft' }, { title: 'Review' }]);
    manager.markInProgress('1', 'outline written');
    manager.recordProgress('2', 'in_progress', 'reading the draft');
    expect(manager.toMarkdown()).toContain('    > Progress: outline written\n');
    manager.markComplete('1', 'draft in notes/draft.md');
    manager.markFailed('2', 'draft missing');
    const markdown = manager.toMarkdown();
    expect(markdown).not.toContain('> Progress:');
    expect(markdown).toContain('- [x] Draft <!-- id: 1 -->\n    > Result: draft in notes/draft.md\n');
    expect(manager.describe()).not.toContain('outline written');
    expect(manager.describe()).not.toContain('reading the draft');
  });

  it('renders an empty checklist as an empty string', () => {
    expect(renderChecklist([])).toBe('');
    expect(new ProgressManager().toMarkdown()).toBe('');
  });
});
