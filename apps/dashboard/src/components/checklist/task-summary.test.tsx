// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LONG_SUMMARY_CHARACTERS, TaskSummary } from './task-summary';

afterEach(cleanup);

describe('TaskSummary', () => {
  it('clamps a long result and expands it to the whole text and back', () => {
    const text = `${'A long result. '.repeat(30)}THE END`;
    expect(text.length).toBeGreaterThan(LONG_SUMMARY_CHARACTERS);
    render(<TaskSummary status="complete" text={text} />);
    const paragraph = screen.getByText(text);
    expect(paragraph.className).toContain('task-summary-clamped');
    const toggle = screen.getByRole('button', { name: 'Show the whole result' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(paragraph.id);
    fireEvent.click(toggle);
    expect(paragraph.className).not.toContain('task-summary-clamped');
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Show less' }));
    expect(paragraph.className).toContain('task-summary-clamped');
  });

  it('shows a short result whole, with no button', () => {
    render(<TaskSummary status="failed" text="No such file" />);
    expect(screen.getByText('No such file').className).toBe('task-summary task-summary-failed');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
