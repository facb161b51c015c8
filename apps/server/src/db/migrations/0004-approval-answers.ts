import type { Migration } from './migration';

/**
 * Approvals in the scale-out mode: an operator's answer, taken by any API replica, waits here until
 * the worker executing the run reads it (on NOTIFY, else its poll). One answer per tool call.
 */
export const approvalAnswersMigration: Migration = {
  version: 4,
  name: 'approval answers',
  sql: `
create table aime.approval_answers (
  run_id text not null references aime.runs (id) on delete cascade,
  tool_call_id text not null,
  decision text not null check (decision in ('approve', 'deny')),
  note text,
  answered_at timestamptz not null default now(),
  primary key (run_id, tool_call_id)
);
`,
};
