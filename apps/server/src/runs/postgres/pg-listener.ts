import pg from 'pg';
import type { RunManagerLogger } from '../run-observer';

export interface PgListenerOptions {
  url: string;
  applicationName: string;
  channels: readonly string[];
  onNotification(channel: string, payload: string | undefined): void;
  /** After every (re)connect, once LISTEN is in place: catch up on what was missed meanwhile. */
  onConnect?(client: pg.Client): Promise<void>;
  /** The connection broke (anything tied to it — LISTEN, session locks — is gone). */
  onDisconnect?(): void;
  logger: RunManagerLogger;
  /** Wait before reconnecting (default 1 s). */
  reconnectMs?: number;
}

/**
 * One dedicated connection (not pooled: LISTEN and session advisory locks belong to a session)
 * that LISTENs on the given channels and reconnects after a failure, calling `onConnect` again so
 * that its owner can catch up.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PgListenerOptions) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once connected and listening (the first connection must succeed). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
    });
    client.on('notification', (message) => this.options.onNotification(message.channel, message.payload));
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.logger.warn({ error: error?.message }, 'database listener connection lost; reconnecting');
      this.options.onDisconnect?.();
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    await client.connect();
    for (const channel of this.options.channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    await this.options.onConnect?.(client);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().catch((error: unknown) => {
        this.options.logger.warn({ error: (error as Error).message }, 'database listener reconnect failed');
        this.scheduleReconnect();
      });
    }, this.options.reconnectMs ?? 1000);
    this.reconnectTimer.unref();
  }
}
