import { describe, expect, it } from 'vitest';
import { formatTaskCounts } from './format-task-counts';

const counts = { total: 3, pending: 0, in_progress: 0, complete: 3, failed: 0, cancelled: 0 };

describe('formatTaskCounts', () => {
  it('shows done over total, and failed and cancelled tasks apart', () => {
    expect(formatTaskCounts(counts)).toBe('3/3 tasks');
    expect(formatTaskCounts({ ...counts, complete: 1, failed: 1, cancelled: 1 })).toBe(
      '1/3 tasks · 1 failed · 1 cancelled',
    );
    expect(formatTaskCounts({ ...counts, complete: 2, cancelled: 1 })).toBe('2/3 tasks · 1 cancelled');
    expect(formatTaskCounts({ ...counts, complete: 1, failed: 2 })).toBe('1/3 tasks · 2 failed');
  });
});
