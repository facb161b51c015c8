import type { ApprovalDecisionValue } from '@gepa-aime/core';
import type pg from 'pg';
import type { ApprovalAnswers } from '../../approvals/approval-answers';
import type { RunCoordinator } from '../run-coordinator';
import { isFinalStatus } from '../run-state';
import { recordApprovalAnswer } from './approval-answers';

/**
 * An API replica of the scale-out mode answers approval requests of runs any worker executes: an
 * open request (its `approval-requested` event stored, no `approval-resolved` yet, the run not
 * over) gets the answer stored for that worker.
 */
export class PostgresApprovalAnswers implements ApprovalAnswers {
  constructor(
    private readonly pool: pg.Pool,
    private readonly manager: RunCoordinator,
  ) {}

  async resolve(runId: string, toolCallId: string, decision: ApprovalDecisionValue, note?: string): Promise<boolean> {
    const run = this.manager.get(runId);
    if (!run || isFinalStatus(run.status)) return false;
    const open = run.approvals.some(
      (approval) => approval.toolCallId === toolCallId && approval.decision === undefined,
    );
    if (!open) return false;
    return recordApprovalAnswer(this.pool, { runId, toolCallId, decision, ...(note ? { note } : {}) });
  }
}
