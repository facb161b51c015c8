import type { PromptOptimizer, TaskOutcome } from '../protocol/prompt-optimizer';
import type { RunEventInput } from '../protocol/run-events';

export interface OutcomeRecording {
  optimizer: PromptOptimizer;
  outcome: TaskOutcome;
  signal: AbortSignal;
  emit(event: RunEventInput): Promise<void>;
}

/**
 * Reports one judged outcome to the optimizer and emits the events it returns. An optimizer fault
 * never fails the run; cancellation still stops it.
 */
export async function recordOutcome(recording: OutcomeRecording): Promise<void> {
  const { optimizer, signal } = recording;
  try {
    const events = await optimizer.record(recording.outcome, signal);
    for (const event of events) await recording.emit(event);
  } catch (error) {
    if (signal.aborted) throw error;
  }
}
