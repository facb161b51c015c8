import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { onlineGEPAReport } from './online-gepa-report';
import { type OnlineGEPAOptions, runOnlineGEPA } from './run-online-gepa';

const GEPA_SETTINGS: OnlineGEPAOptions['gepa'] = {
  window_size: 5,
  threshold: 0.8,
  min_traces_before_reflection: 3,
  reflection_minibatch_size: 3,
};

const benchmark: Benchmark = {
  name: 'online-gepa',
  description:
    'Online GEPA vs no optimizer vs the reminder rule on a prompt-sensitive simulated model (judge pass rate)',
  run: async ({ flags, smoke }) => {
    const seeds = numberFlag(flags, 'seeds', smoke ? 1 : 5);
    const options: OnlineGEPAOptions = {
      seeds: Array.from({ length: seeds }, (_unused, index) => index + 1),
      goals: numberFlag(flags, 'goals', smoke ? 12 : 60),
      heldOut: numberFlag(flags, 'held-out', smoke ? 4 : 20),
      window: 10,
      gepa: GEPA_SETTINGS,
    };
    return onlineGEPAReport(options, await runOnlineGEPA(options));
  },
};

export default benchmark;
