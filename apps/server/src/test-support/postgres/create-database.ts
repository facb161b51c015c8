import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** A database of its own on the server. */
  url: string;
  drop(): Promise<void>;
}

/** Creates a randomly named database on the server at `serverUrl` (tests, benchmarks). */
export async function createDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `aime_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
  };
}

async function withAdmin(url: string, action: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}
