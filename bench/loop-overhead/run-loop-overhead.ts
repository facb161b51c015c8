import { getHeapStatistics } from 'node:v8';
import { collectGarbage, machineInfo } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import type { LoopOverheadOptions } from './loop-overhead-options';
import { buildReport } from './loop-overhead-report';
import { analyse, baselineSteps } from './step-analysis';
import { createFixture, oldGenerationBytes, timedRun } from './timed-run';

export { fullOptions, type LoopOverheadOptions, smokeOptions } from './loop-overhead-options';

export async function runLoopOverheadBenchmark(options: LoopOverheadOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const fixture = createFixture();
  try {
    for (let index = 0; index < options.warmupRuns; index++) await timedRun(fixture, options, 1);
    const stepTotal: number[] = [];
    const stepFramework: number[] = [];
    const iterationFramework: number[] = [];
    const baseline: number[] = [];
    const perRun: Array<{ wallMs: number; modelMs: number; toolMs: number; frameworkMs: number; steps: number }> = [];
    for (let index = 0; index < options.runs; index++) {
      const record = await timedRun(fixture, options, 1);
      const analysis = analyse(record);
      stepTotal.push(...analysis.stepTotal);
      stepFramework.push(...analysis.stepFramework);
      iterationFramework.push(...analysis.iterationFramework);
      baseline.push(...(await baselineSteps(record, fixture, options)));
      perRun.push({
        wallMs: record.wallMs,
        modelMs: analysis.modelMs,
        toolMs: analysis.toolMs,
        frameworkMs: record.wallMs - analysis.modelMs - analysis.toolMs,
        steps: analysis.stepTotal.length,
      });
    }
    const parallelWall: number[] = [];
    for (let index = 0; index < Math.max(1, Math.floor(options.runs / 3)); index++) {
      parallelWall.push((await timedRun(fixture, options, 3)).wallMs);
    }
    const heap: Array<{ peakMB: number; oldPeakMB: number; eventLogMB: number; events: number }> = [];
    for (let index = 0; index < options.heapRuns; index++) {
      collectGarbage();
      const before = getHeapStatistics().used_heap_size;
      const oldBefore = oldGenerationBytes();
      const record = await timedRun(fixture, options, 1, true);
      heap.push({
        peakMB: (record.peakHeapBytes - before) / 2 ** 20,
        oldPeakMB: (record.peakOldBytes - oldBefore) / 2 ** 20,
        eventLogMB: JSON.stringify(record.events).length / 2 ** 20,
        events: record.events.length,
      });
    }
    return buildReport(options, machine, {
      stepTotal,
      stepFramework,
      iterationFramework,
      baseline,
      perRun,
      parallelWall,
      heap,
    });
  } finally {
    fixture.cleanup();
  }
}
