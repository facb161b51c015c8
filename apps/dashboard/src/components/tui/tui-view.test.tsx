// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceRunEvents } from '../../state/run-reducer';
import { sampleRunEvents } from '../../testing/sample-run-events';
import { parseChecklistLine, renderChecklistMarkdown } from './render-checklist-markdown';
import { TuiView } from './tui-view';

const events = sampleRunEvents();

afterEach(cleanup);

describe('renderChecklistMarkdown', () => {
  it('prints one indented line per task with the seed markers', () => {
    const state = reduceRunEvents(events.slice(0, 7));
    expect(renderChecklistMarkdown(state.tasks)).toBe(
      ['- [-] 1 Survey the workspace', '  - [x] 1.1 List the root directory', '  - [ ] 1.2 Read the README'].join('\n'),
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
    expect(renderChecklistMarkdown(state.tasks)).toContain('  - [!] 1.1 List the root directory');
  });
});

describe('parseChecklistLine', () => {
  it('splits indent, marker and text', () => {
    expect(parseChecklistLine('  - [x] 1.1 Done')).toEqual({
      indent: '  ',
      marker: '[x]',
      status: 'complete',
      text: '1.1 Done',
    });
    expect(parseChecklistLine('- [-] 2 Working')).toMatchObject({ marker: '[-]', status: 'in_progress' });
    expect(parseChecklistLine('# Heading')).toEqual({ indent: '', marker: null, status: null, text: '# Heading' });
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

  it('updates the checklist after every action', () => {
    const partial = reduceRunEvents(events.slice(0, 6));
    const { rerender } = render(<TuiView tasks={partial.tasks} log={partial.log} />);
    expect(screen.getByTestId('tui-checklist').textContent).not.toContain('[x] 1.1');
    const complete = reduceRunEvents(events.slice(6), partial);
    rerender(<TuiView tasks={complete.tasks} log={complete.log} />);
    const text = screen.getByTestId('tui-checklist').textContent ?? '';
    expect(text.match(/\[x\]/g)).toHaveLength(3);
    expect(screen.getByRole('log').textContent).toContain('■ run completed');
  });
});
