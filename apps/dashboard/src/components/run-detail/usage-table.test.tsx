// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageTable } from './usage-table';

afterEach(cleanup);

const rows = [
  { role: 'actor', calls: 12, promptTokens: 150_000, completionTokens: 9_000, totalTokens: 159_000, ms: 4_200 },
  { role: 'planner', calls: 3, promptTokens: 3_606, completionTokens: 873, totalTokens: 4_479, ms: 900 },
];

function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
}

describe('UsageTable', () => {
  it('shows compact counts, short model times and totals for calls and time', () => {
    render(<UsageTable rows={rows} />);
    const table = screen.getByRole('table', { name: 'Token usage by role' });
    const [header, actor, planner, total] = within(table).getAllByRole('row');
    expect(header?.textContent).toBe('RoleCallsPromptCompletionTotalModel Time');
    expect(cells(actor as HTMLElement)).toEqual(['actor', '12', '150.0k', '9,000', '159.0k', '4.2s']);
    expect(cells(planner as HTMLElement)).toEqual(['planner', '3', '3,606', '873', '4,479', '900ms']);
    expect(cells(total as HTMLElement)).toEqual(['total', '15', '153.6k', '9,873', '163.5k', '5.1s']);
  });

  it('keeps the exact count in the tooltip of a compact one', () => {
    render(<UsageTable rows={rows} />);
    expect(screen.getByText('150.0k').getAttribute('title')).toBe('150,000');
  });

  it('leaves the calls and time totals empty when no row has them', () => {
    render(<UsageTable rows={[{ role: 'actor', promptTokens: 10, completionTokens: 5, totalTokens: 15 }]} />);
    const total = screen.getAllByRole('row').at(-1) as HTMLElement;
    expect(cells(total)).toEqual(['total', '', '10', '5', '15', '']);
  });
});
