import { expectedScore, ruleCapacity } from './simulated-student';
import { type SkillExample, skills } from './task-suite';

/** The best achievable expected score: the best `ruleCapacity` skills per component, by brute force. */
export function oracleTestScore(suite: { testset: SkillExample[] }): number {
  const subsets = (items: string[], size: number): string[][] =>
    size === 0
      ? [[]]
      : items.flatMap((item, index) => subsets(items.slice(index + 1), size - 1).map((rest) => [item, ...rest]));
  const names = (component: string) =>
    skills.filter((skill) => skill.component === component).map((skill) => skill.name);
  let best = 0;
  for (const planner of subsets(names('planner'), ruleCapacity)) {
    for (const actor of subsets(names('actor'), ruleCapacity)) {
      const candidate = {
        planner: planner.map((name) => `- (${name})`).join('\n'),
        actor: actor.map((name) => `- (${name})`).join('\n'),
      };
      best = Math.max(best, expectedScore(candidate, suite.testset));
    }
  }
  return best;
}
