import type { Migration } from './migration';

/**
 * Online GEPA shared by every worker: its records (the trace file's lines, `seq` from 1 without
 * gaps) and one state row. A decision step locks the row (`for update`), applies the records it
 * has not seen, appends its own and advances `last_seq`, so decisions are taken one at a time on
 * one history.
 */
export const gepaMigration: Migration = {
  version: 3,
  name: 'online GEPA records and shared state',
  sql: `
create table aime.gepa_state (
  id integer primary key check (id = 1),
  last_seq bigint not null default 0,
  updated_at timestamptz not null default now()
);
insert into aime.gepa_state (id) values (1);

create table aime.gepa_records (
  seq bigint primary key check (seq >= 1),
  kind text not null check (kind in ('outcome', 'decision')),
  component text,
  candidate_id text,
  record jsonb not null,
  created_at timestamptz not null default now()
);
`,
};
