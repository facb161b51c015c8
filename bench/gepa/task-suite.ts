import { SeededRandom } from '@gepa-aime/core';

/** A skill an example may require; the student applies it only if its component's prompt has a rule for it. */
export interface Skill {
  name: string;
  component: 'planner' | 'actor';
  rule: string;
}

export interface SkillExample {
  id: number;
  title: string;
  skills: string[];
}

export const skills: Skill[] = [
  { name: 'decompose-goal', component: 'planner', rule: 'Split the goal into small, checkable subtasks' },
  { name: 'order-dependencies', component: 'planner', rule: 'Order subtasks so each runs after what it needs' },
  { name: 'set-checkpoints', component: 'planner', rule: 'Add a checkpoint task after every risky step' },
  { name: 'budget-time', component: 'planner', rule: 'Give each subtask a time budget' },
  { name: 'verify-plan', component: 'planner', rule: 'End the plan with a verification task' },
  { name: 'parallelise', component: 'planner', rule: 'Run independent subtasks in parallel' },
  { name: 'cite-sources', component: 'actor', rule: 'Cite the file or URL every fact comes from' },
  { name: 'check-paths', component: 'actor', rule: 'Check that a path exists before reading it' },
  { name: 'quote-errors', component: 'actor', rule: 'Quote tool errors verbatim in the report' },
  { name: 'write-tests', component: 'actor', rule: 'Write a test for every code change' },
  { name: 'summarise-output', component: 'actor', rule: 'Summarise long tool output instead of pasting it' },
  { name: 'retry-failures', component: 'actor', rule: 'Retry a failed tool call once with corrected input' },
];

export const skillByName = new Map(skills.map((skill) => [skill.name, skill]));

export const seedCandidate = {
  planner: 'You are the planner. Break the goal into tasks.',
  actor: 'You are an actor. Complete the task with your tools.',
};

/**
 * Draws `count` examples. Each requires one or two planner skills and one or two actor skills;
 * skill popularity follows a Zipf-like law (the first skill of a component is the most common), so
 * a few rules help many examples and the rest help few — the regime where a per-instance Pareto
 * front keeps specialists that an average-score search would drop.
 */
export function generateExamples(count: number, random: SeededRandom, firstId = 0): SkillExample[] {
  const byComponent = (component: Skill['component']) => skills.filter((skill) => skill.component === component);
  const pick = (pool: Skill[], howMany: number): string[] => {
    const chosen: string[] = [];
    while (chosen.length < howMany) {
      const skill = pool[random.weightedIndex(pool.map((_, rank) => 1 / (rank + 1)))] as Skill;
      if (!chosen.includes(skill.name)) chosen.push(skill.name);
    }
    return chosen;
  };
  return Array.from({ length: count }, (_, offset) => {
    const required = [
      ...pick(byComponent('planner'), 1 + random.integer(2)),
      ...pick(byComponent('actor'), 1 + random.integer(2)),
    ];
    return {
      id: firstId + offset,
      title: `Task ${firstId + offset} needing ${required.length} skills`,
      skills: required,
    };
  });
}

export function buildSuite(seed: number, sizes: { train: number; val: number; test: number }) {
  const random = new SeededRandom(seed * 7919 + 17);
  const trainset = generateExamples(sizes.train, random, 0);
  const valset = generateExamples(sizes.val, random, sizes.train);
  const testset = generateExamples(sizes.test, random, sizes.train + sizes.val);
  return { trainset, valset, testset };
}
