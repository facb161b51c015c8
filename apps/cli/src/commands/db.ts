import { ConfigError } from '@gepa-aime/core';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-command-args';

const HELP = `Usage: aime db migrate

Applies the scale-out mode's versioned SQL migrations to the PostgreSQL database named by
AIME_DATABASE_URL (tables in the \`aime\` schema, recorded in aime.schema_migrations) and installs
pg-boss's queue schema. Safe to run again, and from several machines at once (an advisory lock
serialises them). Servers and workers refuse to start until the schema matches their version.

Example:
  AIME_DATABASE_URL=postgres://aime:secret@db:5432/aime pnpm aime db migrate`;

export const dbCommand: CliCommand = {
  summary: 'apply the PostgreSQL migrations of the scale-out mode (aime db migrate)',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('db', argv, {});
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'migrate') {
      throw new UsageError(`expected 'aime db migrate' (got 'aime db ${positionals.join(' ')}')`);
    }
    const url = context.env.AIME_DATABASE_URL?.trim();
    if (!url) throw new ConfigError('aime db migrate needs AIME_DATABASE_URL (postgres://…)');
    const { describeMigration, migrateServiceDatabase } = await import('@gepa-aime/server');
    context.stdout.write(`${describeMigration(await migrateServiceDatabase(url))}\n`);
    return 0;
  },
};
