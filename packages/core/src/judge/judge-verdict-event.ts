import type { RunEventInput } from '../protocol/run-events';
import type { Judgement } from './judge';

/** The `judge-verdict` event for a task (with the actor's claim) or for the goal. */
export function judgeVerdictEvent(
  judgement: Judgement,
  subject: { scope: 'goal' } | { scope: 'task'; taskId: string; claimedStatus: 'complete' | 'failed' },
): RunEventInput {
  return {
    type: 'judge-verdict',
    ...subject,
    ...judgement.verdict,
    source: judgement.source,
    ...(judgement.fallback ? { fallback: judgement.fallback } : {}),
  };
}
