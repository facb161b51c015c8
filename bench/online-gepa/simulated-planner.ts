import { parsePlannerState } from '@gepa-aime/core';
import type { FakeAnswer } from '@gepa-aime/core/testing';
import type { BenchGoal } from './goal-suite';
import { failureChance, ruleById } from './prompt-rules';

interface PlannedTask {
  id: string;
  title: string;
  dependsOn: string[];
  contingencyFor?: string;
}

/**
 * The simulated planner: a fixed decomposition per goal kind, a verification task for counting
 * goals only when its prompt says so, one contingency task per failed task, and a final answer
 * taken from the last completed task.
 */
export function plannerReply(systemPrompt: string, userMessage: string, goal: BenchGoal): FakeAnswer {
  const state = parsePlannerState(userMessage);
  if (!state || state.tasks.length === 0) return plan(initialTasks(goal, systemPrompt), ['1']);
  const tasks: PlannedTask[] = state.tasks.map((task) => ({
    id: task.id,
    title: task.title,
    dependsOn: task.dependsOn,
  }));
  const failed = state.tasks.filter(
    (task) =>
      task.status === 'failed' && !task.id.endsWith('-retry') && !tasks.some((each) => each.id === `${task.id}-retry`),
  );
  if (failed.length > 0) {
    for (const task of failed) {
      tasks.push({ id: `${task.id}-retry`, title: task.title, dependsOn: task.dependsOn, contingencyFor: task.id });
    }
    const dependents = tasks.filter((task) => failed.some((each) => task.dependsOn.includes(each.id)));
    for (const task of dependents)
      task.dependsOn = task.dependsOn.map((id) => (failed.some((each) => each.id === id) ? `${id}-retry` : id));
    return plan(
      tasks,
      failed.map((task) => `${task.id}-retry`),
    );
  }
  if (state.ready.length > 0) return plan(tasks, state.ready);
  const completed = state.tasks.filter((task) => task.status === 'complete');
  const finalAnswer = completed.at(-1)?.summary ?? 'The goal could not be completed.';
  return { content: JSON.stringify({ rationale: 'all tasks finished', tasks: [], next: [], done: true, finalAnswer }) };
}

function initialTasks(goal: BenchGoal, systemPrompt: string): PlannedTask[] {
  if (goal.kind === 'count') {
    const tasks: PlannedTask[] = [{ id: '1', title: `Count the lines of ${goal.file}`, dependsOn: [] }];
    if (failureChance(ruleById('verify-task'), systemPrompt) === 0) {
      tasks.push({ id: '2', title: `Re-count the lines of ${goal.file} and verify the result`, dependsOn: ['1'] });
    }
    return tasks;
  }
  if (goal.kind === 'summary') return [{ id: '1', title: `Summarise ${goal.file}`, dependsOn: [] }];
  return [
    { id: '1', title: `Read ${goal.file}`, dependsOn: [] },
    { id: '2', title: `Write a summary of ${goal.file} to ${goal.target}`, dependsOn: ['1'] },
  ];
}

function plan(tasks: PlannedTask[], next: string[]): FakeAnswer {
  const planned = tasks.map((task) => ({
    id: task.id,
    title: task.title,
    completionCriteria: '',
    dependsOn: task.dependsOn,
    persona: 'document analyst',
    bundles: ['default'],
    contingencyFor: task.contingencyFor ?? '',
  }));
  return {
    content: JSON.stringify({ rationale: 'simulated plan', tasks: planned, next, done: false, finalAnswer: '' }),
  };
}
