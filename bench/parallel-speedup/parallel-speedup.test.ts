import { describe, expect, it } from 'vitest';
import { criticalPath, type Measurement, runParallelSpeedupBenchmark, smokeOptions } from './run-parallel-speedup';

describe('parallel-speedup benchmark (smoke)', () => {
  it('runs every k at every limit through the HTTP client with exactly the critical path’s planner calls', async () => {
    const report = await runParallelSpeedupBenchmark(smokeOptions);
    const { measurements } = report.data as { measurements: Measurement[] };
    const limits = [...smokeOptions.parallelLimits, 1];
    expect(measurements.map((entry) => [entry.tasks, entry.maxParallelActors])).toEqual(
      smokeOptions.taskCounts.flatMap((tasks) => limits.map((limit) => [tasks, limit])),
    );
    for (const entry of measurements) {
      expect(entry.makespansMs).toHaveLength(smokeOptions.repetitions);
      // Every model call waits for the fake server's latency, so the bound is a true lower bound.
      for (const makespan of entry.makespansMs) expect(makespan).toBeGreaterThanOrEqual(entry.boundMs);
      expect(entry.modelCalls).toBe(entry.plannerCalls + entry.tasks * smokeOptions.callsPerTask);
    }
    expect(report.tables.map((table) => table.rows.length)).toEqual([
      measurements.length,
      smokeOptions.taskCounts.length,
      1,
    ]);
  });

  it('computes the critical path per batch of parallel actors', () => {
    expect(criticalPath(8, 8, 3, 100)).toEqual({ plannerCalls: 2, boundMs: 500 });
    expect(criticalPath(8, 4, 3, 100)).toEqual({ plannerCalls: 3, boundMs: 900 });
    expect(criticalPath(8, 1, 3, 100)).toEqual({ plannerCalls: 9, boundMs: 3300 });
  });
});
