import type { ActorReport } from '../actors/actor-report';
import type { TaskNode } from '../progress/task-node';
import type { ActivePrompt, PromptComponent, PromptOptimizer } from '../protocol/prompt-optimizer';
import type { RunEventInput } from '../protocol/run-events';
import { outcomeFeedback } from './outcome-feedback';

export interface OutcomeRecording {
  optimizer: PromptOptimizer;
  runId: string;
  goal: string;
  task: TaskNode;
  report: ActorReport;
  /** One entry per prompt component that shaped the outcome, with the text it produced. */
  prompts: Array<{ component: PromptComponent; prompt: ActivePrompt; response: string }>;
  signal: AbortSignal;
  emit(event: RunEventInput): Promise<void>;
}

/**
 * Reports a task outcome to the optimizer once per component (score 1 complete, 0 failed) and
 * emits the events it returns. An optimizer fault never fails the run; cancellation still stops it.
 */
export async function recordOutcomes(recording: OutcomeRecording): Promise<void> {
  const { optimizer, task, report, signal } = recording;
  const score = report.status === 'complete' ? 1 : 0;
  const feedback = outcomeFeedback(task, report);
  for (const entry of recording.prompts) {
    try {
      const events = await optimizer.record(
        {
          runId: recording.runId,
          goal: recording.goal,
          taskId: task.id,
          taskTitle: task.title,
          component: entry.component,
          candidateId: entry.prompt.candidateId,
          prompt: entry.prompt.text,
          response: entry.response,
          score,
          feedback,
        },
        signal,
      );
      for (const event of events) await recording.emit(event);
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
}
