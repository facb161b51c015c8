import { describe, expect, it } from 'vitest';
import { describeProgress, MIN_PROGRESS_INTERVAL_MS, mcpProgressReporter } from './mcp-progress';

describe('mcpProgressReporter', () => {
  it('describes progress with the total and the server message', () => {
    expect(describeProgress('fs__copy', { progress: 3, total: 10, message: 'copying b.txt' })).toBe(
      'fs__copy: 3/10 (copying b.txt)',
    );
    expect(describeProgress('fs__copy', { progress: 42 })).toBe('fs__copy: 42');
  });

  it('passes every step of a small total and one per percent of a large one', () => {
    const messages: string[] = [];
    const small = mcpProgressReporter('x__slow', (message) => messages.push(message));
    for (let step = 1; step <= 4; step++) small({ progress: step, total: 4 });
    expect(messages).toEqual(['x__slow: 1/4', 'x__slow: 2/4', 'x__slow: 3/4', 'x__slow: 4/4']);
    messages.splice(0);
    const large = mcpProgressReporter('x__big', (message) => messages.push(message));
    for (let step = 1; step <= 10_000; step++) large({ progress: step, total: 10_000 });
    expect(messages).toHaveLength(101); // 0 % (step 1) to 100 %
    expect(messages.at(-1)).toBe('x__big: 10000/10000');
  });

  it('thins notifications without a total by time', () => {
    let time = 1000;
    const messages: string[] = [];
    const report = mcpProgressReporter(
      'x__slow',
      (message) => messages.push(message),
      () => time,
    );
    for (let step = 1; step <= 10; step++) {
      report({ progress: step });
      time += 10;
    }
    expect(messages).toEqual(['x__slow: 1']);
    time += MIN_PROGRESS_INTERVAL_MS;
    report({ progress: 11 });
    expect(messages.at(-1)).toBe('x__slow: 11');
  });
});
