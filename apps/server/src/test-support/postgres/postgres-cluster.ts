import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's `postgresql` package and source builds put the server binaries (newest first). */
const BINARY_DIRECTORIES = [
  '/usr/local/bin',
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  directory: string;
  stop(): Promise<void>;
}

/** The directory holding `initdb` and `pg_ctl`, or undefined when PostgreSQL is not installed. */
export function findPostgresBinaries(): string | undefined {
  return BINARY_DIRECTORIES.find(
    (directory) => existsSync(join(directory, 'initdb')) && existsSync(join(directory, 'pg_ctl')),
  );
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL cluster in `directory` on a free loopback port: fsync off (test data),
 * trust authentication, Unix socket inside the directory. PostgreSQL refuses to run as root, so
 * under root `initdb` and `pg_ctl` run as the `postgres` user, which must exist.
 */
export async function startPostgresCluster(directory: string): Promise<PostgresCluster> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found: install the `postgresql` package ' +
        '(Debian: apt-get install postgresql) or set AIME_TEST_DATABASE_URL to a server tests may create databases on',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUserIds() : undefined;
  const dataDirectory = join(directory, 'data');
  await mkdir(directory, { recursive: true });
  if (owner) {
    await chown(directory, owner.uid, owner.gid);
    await chmod(directory, 0o700);
  }
  const invoke = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(binaries, command), ...args], { cwd: directory })
      : run(join(binaries, command), args, { cwd: directory });
  await invoke('initdb', [
    '-D',
    dataDirectory,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freeLoopbackPort();
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${directory}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  await invoke('pg_ctl', [
    '-D',
    dataDirectory,
    '-o',
    serverOptions,
    '-l',
    join(directory, 'server.log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    directory,
    stop: async () => {
      await invoke('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Stops a cluster started by another process (its data directory is `<directory>/data`). */
export async function stopPostgresCluster(directory: string): Promise<void> {
  const binaries = findPostgresBinaries();
  const dataDirectory = join(directory, 'data');
  if (binaries && existsSync(dataDirectory)) {
    const pgCtl = join(binaries, 'pg_ctl');
    const args = ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop'];
    await (process.getuid?.() === 0
      ? run('runuser', ['-u', 'postgres', '--', pgCtl, ...args])
      : run(pgCtl, args)
    ).catch(() => undefined);
  }
  await rm(directory, { recursive: true, force: true });
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no `postgres` user to run the test cluster as: ' +
        'create one (useradd --system postgres) or set AIME_TEST_DATABASE_URL',
    );
  }
}
