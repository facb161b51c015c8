import { describeMigration, migrateServiceDatabase } from './db/migrate-database';

// `node apps/server/dist/db-migrate.js`: the image's `aime db migrate` (AIME_DATABASE_URL).
const url = process.env.AIME_DATABASE_URL?.trim();
if (!url) {
  process.stderr.write('aime db migrate: set AIME_DATABASE_URL (postgres://…)\n');
  process.exit(1);
}
try {
  process.stdout.write(`${describeMigration(await migrateServiceDatabase(url))}\n`);
} catch (error) {
  process.stderr.write(`aime db migrate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
