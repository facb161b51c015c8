import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type BenchEnvironment,
  responderHandler,
  startBenchEnvironment,
} from '../../../../bench/parallel-speedup/responder-server';
import { type ServerProcess, startServerProcess } from '../../../../bench/server-load/server-process';
import { migrateServiceDatabase } from '../db/migrate-database';
import { createDatabaseOn, type TestDatabase } from './postgres/create-database';

const CLI_ENTRY = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface WorkerProcess {
  child: ChildProcess;
  id: string;
  output(): string;
  exited: Promise<NodeJS.Signals | number | null>;
}

export interface ScaleOutClusterOptions {
  /** Fake model latency per call (ms): keeps runs long enough to kill or cancel mid-run. */
  latencyMs: number;
  tasks?: number;
  callsPerTask?: number;
  /** The PostgreSQL server to create the cluster's database on (tests: `testServerUrl()`). */
  serverUrl: string;
}

/**
 * A PostgreSQL database (migrated), a fake OpenAI-compatible model with fixed latency, and helpers
 * that start API replicas (`server.ts`, AIME_WORKER=0) and workers (`aime worker`) as real processes.
 */
export class ScaleOutCluster {
  readonly processes: Array<ServerProcess | WorkerProcess> = [];
  /** The fake model's latency per call from now on (ms). */
  latencyMs = 0;

  private constructor(
    readonly databaseUrl: string,
    readonly environment: BenchEnvironment,
    private readonly database: TestDatabase,
  ) {}

  static async start(options: ScaleOutClusterOptions): Promise<ScaleOutCluster> {
    const database = await createDatabaseOn(options.serverUrl);
    const databaseUrl = database.url;
    await migrateServiceDatabase(databaseUrl);
    const respond = responderHandler({ tasks: options.tasks ?? 2, callsPerTask: options.callsPerTask ?? 2 }, 0);
    let cluster: ScaleOutCluster | undefined;
    const environment = await startBenchEnvironment(async (body, context) => {
      const reply = await respond(body, context);
      const latencyMs = cluster?.latencyMs ?? options.latencyMs;
      return typeof reply === 'string' ? { content: reply, latencyMs } : { ...reply, latencyMs };
    });
    cluster = new ScaleOutCluster(databaseUrl, environment, database);
    cluster.latencyMs = options.latencyMs;
    return cluster;
  }

  environmentFor(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AIME_DATABASE_URL: this.databaseUrl,
      AIME_HOST: '127.0.0.1',
      AIME_PORT: '0',
      AIME_RATE_LIMIT: '0',
      AIME_TRACES_DIR: join(this.environment.root, 'traces'),
      AIME_WORKSPACE: this.environment.workspaceRoot,
      AIME_CONFIG_DIR: this.environment.configDirectory,
      AIME_LOG_LEVEL: 'info',
      ...extra,
    };
  }

  /** An API replica that executes nothing itself (AIME_WORKER=0 unless `extra` says otherwise). */
  async startApi(extra: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
    const server = await startServerProcess(this.environmentFor({ AIME_WORKER: '0', ...extra }), this.environment.root);
    this.processes.push(server);
    return server;
  }

  async startWorker(concurrency: number, extra: NodeJS.ProcessEnv = {}, timeoutMs = 40_000): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, CLI_ENTRY, '--config', this.environment.configDirectory, 'worker'],
      {
        cwd: this.environment.root,
        env: this.environmentFor({ AIME_CONCURRENCY: String(concurrency), ...extra }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ?? code));
    });
    const worker = await new Promise<WorkerProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`worker did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`));
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Worker (\S+) executing/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve({ child, id: match[1], output: () => output, exited });
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${String(code)}) before starting:\n${output.slice(-2000)}`));
      });
    });
    this.processes.push(worker);
    return worker;
  }

  /** Kills every process still running, closes the fake model, drops the database. */
  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map(async (process) => {
        if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
        await process.exited;
      }),
    );
    await this.environment.close();
    await this.database.drop();
  }
}
