import type { Migration } from './migration';

/** Runs, their events (`(run_id, seq)` is the key: each seq stored once) and the workers executing them. */
export const runsMigration: Migration = {
  version: 1,
  name: 'runs, run events, workers',
  sql: `
create table aime.runs (
  id text primary key,
  goal text not null,
  status text not null,
  created_at bigint not null,
  updated_at timestamptz not null default now(),
  attempt integer not null default 1,
  last_seq integer not null default 0,
  worker_id text,
  cancel_requested boolean not null default false,
  queued_record jsonb not null
);
create index runs_in_flight on aime.runs (status) where status in ('queued', 'running');

create table aime.run_events (
  run_id text not null references aime.runs (id) on delete cascade,
  seq integer not null check (seq >= 1),
  attempt integer not null,
  type text not null,
  ts bigint not null,
  event jsonb not null,
  primary key (run_id, seq)
);

create table aime.workers (
  id text primary key,
  lock_key serial unique,
  host text not null,
  pid integer not null,
  concurrency integer not null,
  started_at timestamptz not null default now()
);
`,
};
