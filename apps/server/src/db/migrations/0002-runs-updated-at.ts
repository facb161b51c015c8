import type { Migration } from './migration';

/** Replicas catch up every few seconds on the runs changed since their last look (`updated_at >= $1`). */
export const runsUpdatedAtMigration: Migration = {
  version: 2,
  name: 'index runs by updated_at',
  sql: 'create index runs_updated_at on aime.runs (updated_at);',
};
