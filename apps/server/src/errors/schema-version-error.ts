import { AIMEError } from '@gepa-aime/core';

/** The database is not at the schema version this build expects (run `aime db migrate`, or upgrade). */
export class SchemaVersionError extends AIMEError {
  readonly current: number;
  readonly expected: number;

  constructor(current: number, expected: number) {
    const message =
      current < expected
        ? `the database schema is at version ${current}, this build needs ${expected}: run \`aime db migrate\` ` +
          '(with the same AIME_DATABASE_URL) before starting servers and workers'
        : `the database schema is at version ${current}, newer than this build knows (${expected}): ` +
          'a newer aime migrated it; upgrade this server or worker instead of running it against that database';
    super(current < expected ? 'schema_outdated' : 'schema_newer', message, { isUserError: true });
    this.current = current;
    this.expected = expected;
  }
}
