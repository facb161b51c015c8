import { describe, expect, it } from 'vitest';
import { deliveryIntegrity } from './event-collector';
import { combinePhases, measureServerLoad, smokeOptions } from './run-server-load';

describe('server-load benchmark (smoke)', () => {
  it('delivers every event of every run exactly once, in order, to every subscribed client', async () => {
    const { baseline, oneClient, load, rss } = await measureServerLoad(smokeOptions);
    for (const phase of [baseline, oneClient, load]) {
      expect(phase.statuses).toEqual({ completed: phase.runs });
      expect(phase.lost).toBe(0);
      expect(phase.duplicated).toBe(0);
      expect(phase.outOfOrderRuns).toBe(0);
      expect(phase.droppedClients).toBe(0);
      expect(phase.delivered).toBe(phase.expectedEventsPerClient * phase.clients);
      expect(phase.latenciesMs).toHaveLength(phase.delivered);
    }
    expect(load.runs).toBe(smokeOptions.runs);
    expect(load.clients).toBe(smokeOptions.clients);
    // run-start, plan-updates, task events, run-end: well over ten events per run.
    expect(load.expectedEventsPerClient).toBeGreaterThan(smokeOptions.runs * 10);
    // Each figure was read from the server's /proc VmRSS (whole kB), not the 0 of an unreadable file.
    // Their order is not guaranteed: idle is read once before the sampler's first sample, and RSS can shrink.
    for (const bytes of [rss.idleBytes, rss.peakBytes, rss.afterBytes]) {
      expect(bytes).toBeGreaterThan(0);
      expect(bytes % 1024).toBe(0);
    }
    const twice = combinePhases([load, load]);
    expect(twice).toMatchObject({ wallMs: load.wallMs, delivered: 2 * load.delivered, lost: 0 });
    expect(twice.statuses).toEqual({ completed: 2 * load.runs });
  }, 60_000);

  it('counts gaps, duplicates and order per run', () => {
    expect(deliveryIntegrity([1, 2, 3], 3)).toEqual({ lost: 0, duplicated: 0, inOrder: true });
    expect(deliveryIntegrity([1, 3, 3], 4)).toEqual({ lost: 2, duplicated: 1, inOrder: false });
    expect(deliveryIntegrity([2, 1], 2)).toEqual({ lost: 0, duplicated: 0, inOrder: false });
  });
});
