import type { ActorReport } from '../actors/actor-report';
import type { Judgement } from '../judge/judge';
import type { TaskNode } from '../progress/task-node';
import type { TaskSnapshot } from '../protocol/task-status';

/** GEPA's textual feedback for one task attempt: the judge's verdict and feedback, what the actor claimed. */
export function outcomeFeedback(task: TaskNode, report: ActorReport, judgement: Judgement): string {
  const { verdict } = judgement;
  const head = `Task [${task.id}] "${task.title}": judge ${verdict.verdict} (score ${verdict.score}, by ${judgement.source})`;
  const claim = report.status === 'complete' ? ' The actor claimed success.' : '';
  const stopped = report.stopReason ? ` Stopped: ${report.stopReason}.` : '';
  return `${head}: ${verdict.feedback}${claim}${stopped}`;
}

/** The planner's feedback for a run: the goal verdict, then every task the judge did not pass. */
export function goalFeedback(judgement: Judgement, tasks: readonly TaskSnapshot[]): string {
  const lines = [
    `Goal: judge ${judgement.verdict.verdict} (score ${judgement.verdict.score}): ${judgement.verdict.feedback}`,
  ];
  for (const task of tasks) {
    if (!task.verdict || task.verdict.verdict === 'pass') continue;
    lines.push(`Task [${task.id}] "${task.title}" ${task.verdict.verdict}: ${task.verdict.feedback}`);
  }
  return lines.join('\n');
}
