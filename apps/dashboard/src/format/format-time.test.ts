import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatModelTime } from './format-time';

describe('formatModelTime', () => {
  it('keeps model time short enough for a narrow column', () => {
    expect([0, 8, 850, 4200, 9940, 42_000, 185_000].map(formatModelTime)).toEqual([
      '0ms',
      '8ms',
      '850ms',
      '4.2s',
      '9.9s',
      '42s',
      '3m 05s',
    ]);
  });
});

describe('formatCompactCount', () => {
  it('is exact below 100,000 and compact above', () => {
    expect([999, 12_789, 99_999, 123_456, 4_560_000].map(formatCompactCount)).toEqual([
      '999',
      '12,789',
      '99,999',
      '123.5k',
      '4.56M',
    ]);
  });
});
