import { describeMachine, machineInfo } from '../lib/measurement';
import { mean } from '../lib/stats';
import type { BenchReport } from '../lib/types';
import { type OnlineGEPAOptions, STRATEGIES, type Strategy, type StrategyRun } from './run-online-gepa';

const TARGET = { versusOff: 25, versusReminder: 10, worstWindowBelowOff: 5 };

const percent = (value: number) => `${(value * 100).toFixed(1)}`;
const signed = (points: number) => `${points >= 0 ? '+' : ''}${points.toFixed(1)}`;

/** Pass rates per window of goals, last-N pass rate, tokens per goal, adoptions/rollbacks, held-out, and the target check. */
export function onlineGEPAReport(options: OnlineGEPAOptions, runs: StrategyRun[]): BenchReport {
  const of = (strategy: Strategy) => runs.filter((run) => run.strategy === strategy);
  const windows = Math.ceil(options.goals / options.window);
  const windowRate = (run: StrategyRun, window: number) =>
    mean(run.stream.slice(window * options.window, (window + 1) * options.window).map((goal) => Number(goal.passed)));
  const lastCount = Math.min(20, options.goals);
  const lastRate = (run: StrategyRun) => mean(run.stream.slice(-lastCount).map((goal) => Number(goal.passed)));
  const heldOutRate = (run: StrategyRun) => mean(run.heldOut.map((goal) => Number(goal.passed)));
  const tokens = (run: StrategyRun) => mean(run.stream.map((goal) => goal.tokens));
  const over = (strategy: Strategy, measure: (run: StrategyRun) => number) => mean(of(strategy).map(measure));

  const passRows = STRATEGIES.map((strategy) => [
    strategy,
    ...Array.from({ length: windows }, (_unused, window) => percent(over(strategy, (run) => windowRate(run, window)))),
    percent(over(strategy, lastRate)),
    percent(over(strategy, heldOutRate)),
    over(strategy, tokens).toFixed(0),
  ]);
  const gepaLast = over('online-gepa', lastRate);
  const versusOff = (gepaLast - over('off', lastRate)) * 100;
  const versusReminder = (gepaLast - over('reminder', lastRate)) * 100;
  const windowGaps = Array.from(
    { length: windows },
    (_unused, window) =>
      (over('online-gepa', (run) => windowRate(run, window)) - over('off', (run) => windowRate(run, window))) * 100,
  );
  const worstGap = Math.min(...windowGaps);
  const met = {
    versusOff: versusOff >= TARGET.versusOff,
    versusReminder: versusReminder >= TARGET.versusReminder,
    worstWindow: worstGap >= -TARGET.worstWindowBelowOff,
  };
  const gepaRuns = of('online-gepa');
  const machine = machineInfo();
  return {
    name: 'online-gepa',
    description:
      'Does online GEPA learn? A prompt-sensitive simulated model behind the fake OpenAI-compatible server (the real ' +
      "client, workflow and judge run), a goal stream run three ways: online GEPA, no optimizer (off) and the seed's " +
      '"append a reminder" rule. Judge pass rate of each goal\'s final answer, in %.',
    parameters: { ...options, machine: describeMachine(machine) },
    tables: [
      {
        title: `Judge pass rate (%) per window of ${options.window} goals, mean over ${options.seeds.length} seeds`,
        columns: [
          'strategy',
          ...Array.from(
            { length: windows },
            (_unused, window) =>
              `goals ${window * options.window + 1}-${Math.min(options.goals, (window + 1) * options.window)}`,
          ),
          `last ${lastCount}`,
          `held-out (${options.heldOut})`,
          'tokens/goal',
        ],
        rows: passRows,
      },
      {
        title: 'Online GEPA per seed: proposals, adoptions, rollbacks; reflection imperfections',
        columns: [
          'seed',
          'proposals',
          'adopted',
          'rolled back',
          'truncated',
          'vague',
          'dropped a rule',
          `last ${lastCount} %`,
        ],
        rows: gepaRuns.map((run) => [
          String(run.seed),
          String(run.proposals),
          String(run.adoptions),
          String(run.rollbacks),
          String(run.reflection?.truncated ?? 0),
          String(run.reflection?.vague ?? 0),
          String(run.reflection?.dropped ?? 0),
          percent(lastRate(run)),
        ]),
      },
      {
        title: 'Target (mean over seeds)',
        columns: ['criterion', 'measured', 'target', 'met'],
        rows: [
          [
            `online GEPA − off, last ${lastCount} goals`,
            `${signed(versusOff)} points`,
            `≥ +${TARGET.versusOff}`,
            met.versusOff ? 'yes' : 'no',
          ],
          [
            `online GEPA − reminder, last ${lastCount} goals`,
            `${signed(versusReminder)} points`,
            `≥ +${TARGET.versusReminder}`,
            met.versusReminder ? 'yes' : 'no',
          ],
          [
            'worst window, online GEPA − off',
            `${signed(worstGap)} points`,
            `≥ −${TARGET.worstWindowBelowOff}`,
            met.worstWindow ? 'yes' : 'no',
          ],
        ],
      },
    ],
    data: {
      runs: runs.map(({ finalPrompts, ...run }) => ({
        ...run,
        finalPromptChars: { planner: finalPrompts.planner.length, actor: finalPrompts.actor.length },
      })),
      target: { ...TARGET, versusOff, versusReminder, worstGap, met },
      reminders: mean(of('reminder').map((run) => run.reminders)),
    },
    notes: [
      `Reminder rule: ${mean(of('reminder').map((run) => run.reminders)).toFixed(1)} reminders appended per seed on average.`,
      `Target ${met.versusOff && met.versusReminder && met.worstWindow ? 'met' : 'NOT met'} on this run.`,
    ],
  };
}
