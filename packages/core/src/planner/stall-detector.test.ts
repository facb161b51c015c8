import { describe, expect, it } from 'vitest';
import { StallDetector } from './stall-detector';

describe('StallDetector', () => {
  it('reports a stall after the state stays unchanged for the limit, and resets', () => {
    const detector = new StallDetector(2);
    expect(detector.observe('a')).toBe(false);
    expect(detector.observe('a')).toBe(false);
    expect(detector.observe('a')).toBe(true);
    detector.reset();
    expect(detector.observe('a')).toBe(false);
    expect(detector.observe('b')).toBe(false);
    expect(detector.observe('b')).toBe(false);
    expect(detector.observe('b')).toBe(true);
  });
});
