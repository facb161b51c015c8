import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeAnswer } from '@gepa-aime/core/testing';
import type { BenchGoal } from './goal-suite';
import { ruleById } from './prompt-rules';

/**
 * The simulated judge model, an oracle: it knows the goal's answer key and reads the workspace.
 * Task results: a written summary without its "## Summary" heading fails, a result that cites
 * nothing is partial, the rest passes (it does not recount: a wrong count shows only at the goal).
 * Final answers: checked against the answer key. Every feedback names what went wrong and the rule
 * that would have prevented it.
 */
export function judgeReply(userMessage: string, goal: BenchGoal, workspace: string): FakeAnswer {
  const verdict = userMessage.startsWith('Goal:')
    ? goalVerdict(userMessage, goal, workspace)
    : taskVerdict(userMessage, goal, workspace);
  return { content: JSON.stringify(verdict) };
}

function taskVerdict(message: string, goal: BenchGoal, workspace: string) {
  const task = /^Task: (.*)$/m.exec(message)?.[1] ?? '';
  if (task.startsWith('Write ') && !hasSummaryHeading(workspace, goal)) {
    return fail(`${goal.target} lacks the '## Summary' heading. ${ruleById('verify-write').text}`);
  }
  if (/^References cited: none$/m.test(message)) {
    return { score: 0.5, verdict: 'partial', feedback: `The result cites no references. ${ruleById('cite').text}` };
  }
  return { score: 1, verdict: 'pass', feedback: 'The result is backed by the file it read.' };
}

function goalVerdict(message: string, goal: BenchGoal, workspace: string) {
  const answer = /Final answer:\n([\s\S]*?)\nReferences cited:/.exec(message)?.[1] ?? '';
  if (goal.kind === 'count') {
    const said = Number(/(\d+) lines/.exec(answer)?.[1] ?? Number.NaN);
    if (said !== goal.lines) {
      return fail(
        `The final answer's count is wrong (says ${said}; ${goal.file} has ${goal.lines} lines). ${ruleById('verify-task').text}`,
      );
    }
    return pass();
  }
  if (goal.kind === 'write') {
    return hasSummaryHeading(workspace, goal) ? pass() : fail(`${goal.target} lacks the '## Summary' heading.`);
  }
  return answer.includes(goal.title) ? pass() : fail(`The answer does not name the document's title "${goal.title}".`);
}

function hasSummaryHeading(workspace: string, goal: BenchGoal): boolean {
  try {
    return readFileSync(join(workspace, goal.target ?? ''), 'utf8').includes('## Summary');
  } catch {
    return false;
  }
}

const pass = () => ({ score: 1, verdict: 'pass', feedback: 'The answer matches the answer key.' });
const fail = (feedback: string) => ({ score: 0, verdict: 'fail', feedback });
