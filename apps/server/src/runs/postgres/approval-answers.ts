import type { ApprovalDecisionValue } from '@gepa-aime/core';
import type pg from 'pg';
import { APPROVAL_ANSWER_CHANNEL } from './run-notifications';

export interface ApprovalAnswer {
  runId: string;
  toolCallId: string;
  decision: ApprovalDecisionValue;
  note?: string;
}

/**
 * Stores an operator's answer and wakes the worker running the run. The first answer to a call
 * wins; false when the call already had one.
 */
export async function recordApprovalAnswer(pool: pg.Pool, answer: ApprovalAnswer): Promise<boolean> {
  const result = await pool.query(
    `insert into aime.approval_answers (run_id, tool_call_id, decision, note) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [answer.runId, answer.toolCallId, answer.decision, answer.note ?? null],
  );
  if (result.rowCount === 0) return false;
  await pool.query('select pg_notify($1, $2)', [APPROVAL_ANSWER_CHANNEL, answer.runId]);
  return true;
}

/** The stored answers among these requests (a worker's look after NOTIFY, and its fallback poll). */
export async function readApprovalAnswers(
  pool: pg.Pool,
  requests: ReadonlyArray<{ runId: string; toolCallId: string }>,
): Promise<ApprovalAnswer[]> {
  if (requests.length === 0) return [];
  const result = await pool.query<{
    run_id: string;
    tool_call_id: string;
    decision: ApprovalDecisionValue;
    note: string | null;
  }>(
    `select a.run_id, a.tool_call_id, a.decision, a.note
     from aime.approval_answers a
     join unnest($1::text[], $2::text[]) as wanted (run_id, tool_call_id)
       on wanted.run_id = a.run_id and wanted.tool_call_id = a.tool_call_id`,
    [requests.map((request) => request.runId), requests.map((request) => request.toolCallId)],
  );
  return result.rows.map((row) => ({
    runId: row.run_id,
    toolCallId: row.tool_call_id,
    decision: row.decision,
    ...(row.note ? { note: row.note } : {}),
  }));
}
