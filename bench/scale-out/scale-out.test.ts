import { describe, expect, it } from 'vitest';
import { testServerUrl } from '../../apps/server/src/test-support/postgres/test-database';
import { measureScaleOut, smokeOptions } from './run-scale-out';

describe('scale-out benchmark (smoke)', () => {
  it('measures the embedded baseline and the PostgreSQL mode with every event delivered once, in order', async () => {
    const phases = await measureScaleOut(smokeOptions, await testServerUrl());
    expect(phases.map((phase) => phase.label)).toEqual([
      'embedded (1 process, 2 slots)',
      '1 worker × 2, 2 API replicas',
    ]);
    for (const phase of phases) {
      expect(phase.statuses).toEqual({ completed: smokeOptions.runs });
      expect({ lost: phase.lost, duplicated: phase.duplicated, outOfOrder: phase.outOfOrderRuns }).toEqual({
        lost: 0,
        duplicated: 0,
        outOfOrder: 0,
      });
      // run-start, plan-updates, task events, run-end: well over ten events per run, to every client.
      expect(phase.delivered).toBeGreaterThan(smokeOptions.runs * smokeOptions.clients * 10);
      expect(phase.runsPerSecond).toBeGreaterThan(0);
    }
  }, 240_000);
});
