import { describe, expect, it } from 'vitest';
import { onlineGEPAReport } from './online-gepa-report';
import { type OnlineGEPAOptions, runOnlineGEPA } from './run-online-gepa';

const options: OnlineGEPAOptions = {
  seeds: [3],
  goals: 8,
  heldOut: 2,
  window: 4,
  gepa: { window_size: 4, threshold: 0.8, min_traces_before_reflection: 2, reflection_minibatch_size: 2 },
};

describe('online-gepa benchmark (smoke)', () => {
  it('runs the three strategies through the real client and judge, and reports pass rates and the target', async () => {
    const runs = await runOnlineGEPA(options);
    expect(runs.map((run) => run.strategy)).toEqual(['online-gepa', 'off', 'reminder']);
    for (const run of runs) {
      expect(run.stream).toHaveLength(8);
      expect(run.heldOut).toHaveLength(2);
      expect(run.stream.every((goal) => goal.tokens > 0)).toBe(true);
    }
    const [gepa, off] = runs;
    // Common random numbers: every strategy meets the same goals.
    expect(gepa?.stream.map((goal) => goal.kind)).toEqual(off?.stream.map((goal) => goal.kind));
    expect(off?.proposals).toBe(0);
    expect(gepa?.proposals).toBeGreaterThan(0);
    expect(gepa?.finalPrompts.actor).toContain('{{tools}}');
    const report = onlineGEPAReport(options, runs);
    expect(report.tables[0]?.rows.map((row) => row[0])).toEqual(['online-gepa', 'off', 'reminder']);
    expect(report.tables[2]?.rows).toHaveLength(3);
    for (const row of report.tables[0]?.rows ?? []) {
      for (const cell of row.slice(1, -1)) expect(Number(cell)).toBeGreaterThanOrEqual(0);
    }
  }, 120_000); // ~70 workflow runs over HTTP: seconds alone, much longer on a loaded machine
});
