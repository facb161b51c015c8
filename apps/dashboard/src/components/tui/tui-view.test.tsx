// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceRunEvents } from '../../state/run-reducer';
import { sampleCancelledRunEvents, sampleRunEvents } from '../../testing/sample-run-events';
import { parseChecklistLine, renderChecklistMarkdown } from './render-checklist-markdown';
import { TuiView } from './tui-view';

const events = sampleRunEvents();

afterEach(cleanup);

describe('renderChecklistMarkdown', () => {
  it('prints one indented line per task with the seed markers', () => {
    const state = reduceRunEvents(events.slice(0, 7));
    expect(renderChecklistMarkdown(state.tasks, 'Summarise the repository')).toBe(
      [
        '# Goal: Summarise the repository',
        '',
        '- [-] Survey the workspace',
        '    > Done when: Top-level layout listed',
        '    - [x] List the root directory',
        '        > Done when: Entries listed',
        '        > Result: Root holds apps, packages and a README',
        '    - [ ] Read the README',
        '        > Done when: Purpose summarised',
      ].join('\n'),
    );
  });

  it('marks failed tasks with [!]', () => {
    const state = reduceRunEvents([
      ...events.slice(0, 3),
      {
        type: 'task-end',
        runId: 'run-1',
        seq: 4,
        ts: 5,
        taskId: '1.1',
        status: 'failed',
        summary: 'no access',
        references: [],
      },
    ]);
    expect(renderChecklistMarkdown(state.tasks)).toContain(
      '    - [!] List the root directory\n        > Done when: Entries listed\n        > Result: no access',
    );
  });
});

describe('parseChecklistLine', () => {
  it('splits the lead, marker and text of task, detail and heading lines', () => {
    expect(parseChecklistLine('    - [x] Done')).toEqual({
      kind: 'task',
      lead: '    - ',
      marker: '[x]',
      status: 'complete',
      text: 'Done',
      hang: 10,
    });
    expect(parseChecklistLine('- [-] Working')).toMatchObject({ kind: 'task', marker: '[-]', status: 'in_progress' });
    expect(parseChecklistLine('* [!] Broken')).toMatchObject({ kind: 'task', lead: '* ', status: 'failed' });
    expect(parseChecklistLine('        > Progress: half way')).toMatchObject({
      kind: 'detail',
      lead: '        ',
      text: '> Progress: half way',
    });
    expect(parseChecklistLine('# Goal: x')).toMatchObject({ kind: 'heading', marker: null, text: '# Goal: x' });
  });

  it('gives each line the column its text starts at, so a wrapped line hangs under the text', () => {
    expect(parseChecklistLine('- [ ] Top').hang).toBe(6);
    expect(parseChecklistLine('        - [-] Deep').hang).toBe(14);
    expect(parseChecklistLine('        > Result: long').hang).toBe(10);
    expect(parseChecklistLine('# Goal: x').hang).toBe(0);
  });
});

describe('TuiView', () => {
  it('colours each marker by status', () => {
    const state = reduceRunEvents(events.slice(0, 7));
    render(<TuiView tasks={state.tasks} log={state.log} />);
    const markers = [...screen.getByTestId('tui-checklist').querySelectorAll('.tui-marker')];
    expect(markers.map((marker) => [marker.textContent, marker.className])).toEqual([
      ['[-]', 'tui-marker tui-marker-in_progress'],
      ['[x]', 'tui-marker tui-marker-complete'],
      ['[ ]', 'tui-marker tui-marker-pending'],
    ]);
  });

  it('marks a task a cancel cut short with [~] in its own colour, and ⊘ (not ✗) in the tail', () => {
    const state = reduceRunEvents(sampleCancelledRunEvents());
    render(<TuiView tasks={state.tasks} log={state.log} live={false} />);
    const checklist = screen.getByTestId('tui-checklist');
    expect(checklist.textContent).toContain(
      '    - [~] Read the README\n        > Done when: Purpose summarised\n        > Result: the run was cancelled while this task ran',
    );
    const markers = [...checklist.querySelectorAll('.tui-marker')].map((marker) => [
      marker.textContent,
      marker.className,
    ]);
    expect(markers).toContainEqual(['[~]', 'tui-marker tui-marker-cancelled']);
    expect(markers.map(([text]) => text)).not.toContain('[!]');
    const tail = [...screen.getByRole('log').querySelectorAll('.tui-entry')];
    const ending = tail.find((line) => line.textContent?.startsWith('⊘ 1.2'));
    expect(ending?.className).toBe('tui-entry tui-cancelled');
    expect(tail.map((line) => line.textContent)).not.toContainEqual(expect.stringMatching(/^✗/));
    expect(parseChecklistLine('    - [~] Read the README')).toMatchObject({ marker: '[~]', status: 'cancelled' });
  });

  it('sets the hanging indent of every checklist line', () => {
    const state = reduceRunEvents(events.slice(0, 7));
    render(<TuiView tasks={state.tasks} log={state.log} />);
    const lines = [...screen.getByTestId('tui-checklist').querySelectorAll<HTMLElement>('.tui-line')];
    expect(
      lines.slice(0, 3).map((line) => [line.textContent?.trimEnd(), line.style.getPropertyValue('--hang')]),
    ).toEqual([
      ['- [-] Survey the workspace', '6'],
      ['    > Done when: Top-level layout listed', '6'],
      ['    - [x] List the root directory', '10'],
    ]);
  });

  it("shows the running task's latest progress message under it", () => {
    const state = reduceRunEvents(events.slice(0, 5));
    render(<TuiView tasks={state.tasks} log={state.log} />);
    expect(screen.getByTestId('tui-checklist').textContent).toContain(
      '- [-] List the root directory\n        > Done when: Entries listed\n        > Progress: Listed 3 entries',
    );
  });

  it('tails actor steps as thought → action → observation', () => {
    const state = reduceRunEvents(events.slice(0, 4));
    render(<TuiView tasks={state.tasks} log={state.log} />);
    const lines = [...screen.getByRole('log', { name: 'Actor steps' }).querySelectorAll('.tui-entry')].map(
      (line) => line.textContent,
    );
    expect(lines).toEqual([
      '◆ plan iteration 1: Split into survey steps',
      '▶ 1.1 actor-1.1 · Repository cartographer · tools: list_dir, update_progress',
      '  1.1#1 thought I should list the root',
      '  → action list_dir({"path":"."})',
      '  ← observation apps/ packages/ README.md',
    ]);
  });

  it('badges the calls of MCP tools with their bundle, also in an older log without the field', () => {
    const base = reduceRunEvents(events.slice(0, 3));
    const state = reduceRunEvents(
      [
        {
          type: 'actor-step',
          runId: 'run-1',
          seq: 4,
          ts: 5,
          taskId: '1.1',
          step: 1,
          thought: 'Read it through the server',
          action: 'fs__read_text_file',
          bundle: 'fs',
          args: { path: 'README.md' },
          observation: '# Project',
        },
        {
          type: 'tool-result',
          runId: 'run-1',
          seq: 5,
          ts: 6,
          taskId: '1.1',
          callId: 'c2',
          tool: 'fs__write_file',
          bundle: 'fs',
          ok: false,
          output: 'Access denied',
          ms: 3,
        },
        {
          type: 'actor-step',
          runId: 'run-1',
          seq: 6,
          ts: 7,
          taskId: '1.1',
          step: 2,
          thought: 'List it',
          action: 'list_dir',
          args: { path: '.' },
        },
      ],
      base,
    );
    render(<TuiView tasks={state.tasks} log={state.log} />);
    const entries = [...screen.getByRole('log', { name: 'Actor steps' }).querySelectorAll('.tui-entry')];
    const badges = entries.map((entry) => entry.querySelector('.tui-bundle')?.textContent ?? null);
    const texts = entries.map((entry) => entry.textContent);
    expect(texts).toContain('  → action MCP fs fs__read_text_file({"path":"README.md"})');
    expect(texts).toContain('  ✗ fs__write_file MCP fs Access denied');
    expect(texts).toContain('  → action list_dir({"path":"."})');
    expect(badges.filter(Boolean)).toEqual(['MCP fs', 'MCP fs']);
  });

  it('updates the checklist after every action', () => {
    const partial = reduceRunEvents(events.slice(0, 6));
    const { rerender } = render(<TuiView tasks={partial.tasks} log={partial.log} />);
    expect(screen.getByTestId('tui-checklist').textContent).not.toContain('[x] List the root directory');
    const complete = reduceRunEvents(events.slice(6), partial);
    rerender(<TuiView tasks={complete.tasks} log={complete.log} />);
    const text = screen.getByTestId('tui-checklist').textContent ?? '';
    expect(text.match(/\[x\]/g)).toHaveLength(3);
    expect(screen.getByRole('log').textContent).toContain('■ run completed');
  });

  it('separates the checklist and the actor-step tail with labelled section rules', () => {
    const state = reduceRunEvents(events.slice(0, 4));
    render(<TuiView tasks={state.tasks} log={state.log} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(headings).toEqual(['checklist.md', 'actor steps']);
    const checklistPane = screen.getByRole('region', { name: 'checklist.md' });
    expect(checklistPane.contains(screen.getByTestId('tui-checklist'))).toBe(true);
    expect(checklistPane.contains(screen.getByRole('log', { name: 'Actor steps' }))).toBe(false);
    expect(screen.getByTestId('tui-checklist').tabIndex).toBe(0);
  });
});
