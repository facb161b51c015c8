import { type GEPACandidate, SeededRandom } from '@gepa-aime/core';
import type { createStudent, StudentTrace } from './simulated-student';
import type { SkillExample } from './task-suite';

export interface CurvePoint {
  metricCalls: number;
  score: number;
}

export interface BaselineResult {
  curve: CurvePoint[];
  best: GEPACandidate;
  totalMetricCalls: number;
  reminders: number;
}

/**
 * The Python seed's online rule, as a baseline: run the current prompts on training examples one
 * at a time (epoch-shuffled); when the rolling mean of the last `windowSize` scores (after at least
 * `minTraces`) falls below `threshold`, append "Reminder: <failing observation>" to the prompt of
 * the component that failed and start a new window. Each new prompt is scored on the valset so the
 * curve is comparable with GEPA's; every evaluation counts against the same budget.
 */
export function runReminderBaseline(options: {
  student: ReturnType<typeof createStudent>;
  seedCandidate: GEPACandidate;
  trainset: SkillExample[];
  valset: SkillExample[];
  budget: number;
  seed: number;
  windowSize?: number;
  threshold?: number;
  minTraces?: number;
}): BaselineResult {
  const { student, trainset, valset, budget } = options;
  const windowSize = options.windowSize ?? 10;
  const threshold = options.threshold ?? 0.5;
  const minTraces = options.minTraces ?? 3;
  const random = new SeededRandom(options.seed);
  let calls = 0;
  const scoreOnValset = (candidate: GEPACandidate): number => {
    calls += valset.length;
    const { scores } = student.adapter.evaluate(valset, candidate, false) as { scores: number[] };
    return scores.reduce((sum, score) => sum + score, 0) / scores.length;
  };

  let current: GEPACandidate = { ...options.seedCandidate };
  let best = current;
  let bestScore = scoreOnValset(current);
  const curve: CurvePoint[] = [{ metricCalls: calls, score: bestScore }];
  let window: number[] = [];
  let order: SkillExample[] = [];
  let reminders = 0;
  while (calls + 1 <= budget) {
    if (order.length === 0) order = random.shuffle(trainset);
    const example = order.pop() as SkillExample;
    calls += 1;
    const evaluation = student.adapter.evaluate([example], current, true) as {
      scores: number[];
      trajectories: StudentTrace[];
    };
    const trace = evaluation.trajectories[0] as StudentTrace;
    window = [...window, evaluation.scores[0] ?? 0].slice(-windowSize);
    const rolling = window.reduce((sum, score) => sum + score, 0) / window.length;
    if (window.length < minTraces || rolling >= threshold) continue;
    const failing = [...trace.missing, ...trace.slipped][0];
    if (failing === undefined) continue;
    const component =
      ['planner', 'actor'].find((name) => student.feedbackFor(trace, name).includes(failing)) ?? 'actor';
    const observation = student.feedbackFor(trace, component).split('\n')[0] ?? '';
    current = { ...current, [component]: `${current[component] ?? ''}\nReminder: ${observation}` };
    reminders += 1;
    window = [];
    if (calls + valset.length > budget) break;
    const score = scoreOnValset(current);
    if (score > bestScore) {
      bestScore = score;
      best = current;
    }
    curve.push({ metricCalls: calls, score: bestScore });
  }
  return { curve, best, totalMetricCalls: calls, reminders };
}
