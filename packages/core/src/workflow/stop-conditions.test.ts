import { describe, expect, it } from 'vitest';
import { DEFAULT_STOP_CONDITIONS, firstStop, maxIterationsReached, maxReplansExceeded } from './stop-conditions';
import { DEFAULT_WORKFLOW_LIMITS } from './workflow-limits';

const limits = { ...DEFAULT_WORKFLOW_LIMITS, maxIterations: 3, maxReplans: 2 };
const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

describe('stop conditions', () => {
  it('stop at the iteration limit and after too many re-plans, naming the last reason', () => {
    expect(maxIterationsReached({ iterations: 2, replans: 0, replanReason: undefined, limits, usage })).toBeUndefined();
    expect(maxIterationsReached({ iterations: 3, replans: 0, replanReason: undefined, limits, usage })?.error).toBe(
      'stopped after 3 iterations',
    );
    expect(maxReplansExceeded({ iterations: 0, replans: 2, replanReason: 'x', limits, usage })).toBeUndefined();
    expect(maxReplansExceeded({ iterations: 0, replans: 3, replanReason: 'task 1 failed', limits, usage })?.error).toBe(
      'gave up after 2 re-plans (last: task 1 failed)',
    );
  });

  it('compose: the first matching condition decides', () => {
    const state = { iterations: 3, replans: 3, replanReason: 'loop', limits, usage };
    expect(firstStop(DEFAULT_STOP_CONDITIONS, state)?.error).toMatch(/^gave up/);
    expect(firstStop([maxIterationsReached, maxReplansExceeded], state)?.error).toMatch(/^stopped after/);
    expect(firstStop(DEFAULT_STOP_CONDITIONS, { ...state, iterations: 0, replans: 0 })).toBeUndefined();
  });
});
