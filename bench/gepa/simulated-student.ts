import {
  type EvaluationBatch,
  type GEPAAdapter,
  type GEPACandidate,
  type ReflectiveDataset,
  SeededRandom,
} from '@gepa-aime/core';
import { type SkillExample, skillByName, skills } from './task-suite';

/** The student attends to only this many rule lines per prompt; later rules are ignored. */
export const ruleCapacity = 4;
/** Probability that a skill with an effective rule is actually applied on an example. */
export const reliability = 0.9;

/** Skills whose rule is among the first `ruleCapacity` rule lines of `text`. */
export function effectiveSkills(text: string): Set<string> {
  const effective = new Set<string>();
  let ruleLines = 0;
  for (const line of text.split('\n')) {
    const mentioned = skills.filter((skill) => line.includes(skill.name));
    if (mentioned.length === 0) continue;
    ruleLines += 1;
    if (ruleLines > ruleCapacity) break;
    for (const skill of mentioned) effective.add(skill.name);
  }
  return effective;
}

export interface StudentTrace {
  example: SkillExample;
  applied: string[];
  missing: string[];
  slipped: string[];
}

function effectiveFor(candidate: GEPACandidate): Set<string> {
  return new Set([...effectiveSkills(candidate.planner ?? ''), ...effectiveSkills(candidate.actor ?? '')]);
}

/** Expected score without noise: what a candidate is really worth on `examples`. */
export function expectedScore(candidate: GEPACandidate, examples: readonly SkillExample[]): number {
  const effective = effectiveFor(candidate);
  const perExample = examples.map(
    (example) => (example.skills.filter((skill) => effective.has(skill)).length * reliability) / example.skills.length,
  );
  return perExample.reduce((sum, score) => sum + score, 0) / Math.max(1, perExample.length);
}

function feedbackFor(trace: StudentTrace, component: string): string {
  const lines: string[] = [];
  for (const name of trace.missing) {
    if (skillByName.get(name)?.component === component) {
      lines.push(`Missing skill: ${name} (the ${component} prompt has no rule the model followed for it)`);
    }
  }
  for (const name of trace.slipped) {
    if (skillByName.get(name)?.component === component) {
      lines.push(`Skill ${name} has a rule but was not applied this time.`);
    }
  }
  return lines.length > 0 ? lines.join('\n') : `Correct: every ${component} skill this task needed was applied.`;
}

/**
 * A simulated student: an example scores the share of its required skills that were applied; a
 * skill is applied when its component's prompt holds an effective rule for it, with probability
 * `reliability` (noise from a seeded PRNG, so a run is reproducible).
 */
export function createStudent(seed: number) {
  const random = new SeededRandom(seed);
  const evaluateOne = (example: SkillExample, effective: Set<string>): { score: number; trace: StudentTrace } => {
    const trace: StudentTrace = { example, applied: [], missing: [], slipped: [] };
    for (const name of example.skills) {
      if (!effective.has(name)) trace.missing.push(name);
      else if (random.next() < reliability) trace.applied.push(name);
      else trace.slipped.push(name);
    }
    return { score: trace.applied.length / example.skills.length, trace };
  };
  const adapter: GEPAAdapter<SkillExample, string, StudentTrace> = {
    evaluate(batch, candidate): EvaluationBatch<string, StudentTrace> {
      const effective = effectiveFor(candidate);
      const results = batch.map((example) => evaluateOne(example, effective));
      return {
        outputs: results.map((result) => `applied: ${result.trace.applied.join(', ') || 'none'}`),
        scores: results.map((result) => result.score),
        trajectories: results.map((result) => result.trace),
      };
    },
    makeReflectiveDataset(_candidate, evaluation, components): ReflectiveDataset {
      const dataset: ReflectiveDataset = {};
      for (const component of components) {
        dataset[component] = (evaluation.trajectories ?? []).map((trace, index) => ({
          Inputs: { task: trace.example.title },
          'Generated Outputs': evaluation.outputs[index] ?? '',
          Feedback: feedbackFor(trace, component),
        }));
      }
      return dataset;
    },
  };
  return { adapter, feedbackFor };
}
