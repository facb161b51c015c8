import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../server/src/test-support/postgres/test-database';
import { runCliCaptured } from '../cli-test-support';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('aime db migrate / aime worker', () => {
  it('migrates an empty database, then finds nothing to do', async () => {
    const first = await runCliCaptured(['db', 'migrate'], { env: { AIME_DATABASE_URL: database.url } });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Applied migrations 1\b.*schema at version \d+\n$/);
    expect(first.code).toBe(0);
    const second = await runCliCaptured(['db', 'migrate'], { env: { AIME_DATABASE_URL: database.url } });
    expect(second.stdout).toMatch(/^Schema already at version \d+: nothing to apply\n$/);
  });

  it('says what is missing: the migrate subcommand, the database URL', async () => {
    const noSubcommand = await runCliCaptured(['db'], { env: { AIME_DATABASE_URL: database.url } });
    expect(noSubcommand.code).toBe(2);
    expect(noSubcommand.stderr).toContain("expected 'aime db migrate'");
    const noUrl = await runCliCaptured(['db', 'migrate'], { env: {} });
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('AIME_DATABASE_URL');
    const worker = await runCliCaptured(['worker'], { env: {} });
    expect(worker.code).toBe(1);
    expect(worker.stderr).toContain('aime worker needs AIME_DATABASE_URL');
  });
});
