import { runsMigration } from './0001-runs';
import { runsUpdatedAtMigration } from './0002-runs-updated-at';
import { gepaMigration } from './0003-gepa';
import { approvalAnswersMigration } from './0004-approval-answers';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration in version order; the last one's version is the schema this build needs. */
export const MIGRATIONS: readonly Migration[] = [
  runsMigration,
  runsUpdatedAtMigration,
  gepaMigration,
  approvalAnswersMigration,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
