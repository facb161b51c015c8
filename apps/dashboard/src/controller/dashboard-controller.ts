import type { RunEvent } from '@gepa-aime/core';
import { ApiError } from '../api/api-error';
import { getGEPAOverview } from '../api/gepa-api';
import { setUnauthorizedHandler } from '../api/http-client';
import { getRunEvents, listRuns } from '../api/runs-api';
import { SocketClient } from '../api/socket-client';
import { socketProtocols } from '../api/socket-protocols';
import { readToken, saveToken } from '../api/token-store';
import type { DashboardStore } from '../state/dashboard-store';
import { missingSeqs } from '../state/run-reducer';

const gapFillDelayMs = 1_000;
const gepaRefreshDelayMs = 400;

function socketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/ws`;
}

/** Wires the store to the server: REST for snapshots and gap filling, one WebSocket for live events. */
export class DashboardController {
  private readonly socket: SocketClient;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private gepaTimer: ReturnType<typeof setTimeout> | undefined;
  /** Once older pages are loaded, refreshing the newest page must not reset where the next one starts. */
  private olderRunsLoaded = false;

  constructor(private readonly store: DashboardStore) {
    this.socket = new SocketClient({
      url: socketUrl,
      protocols: () => socketProtocols(readToken()),
      resumeFrom: (runId) => store.lastSeq(runId),
      onEvents: (events) => this.ingest(events),
      onRuns: (runs) => store.replaceRuns(runs),
      onError: (error) => {
        if (error.code === 'run_not_found' && error.runId) store.markRunMissing(error.runId);
      },
      onConnection: (connection) => {
        store.setConnection(connection);
        // A socket that cannot open may be refused for want of a token: a REST call finds out (401).
        if (connection.phase === 'reconnecting' && connection.retryAt) void this.refreshRuns();
      },
      onOpen: () => {
        void this.refreshRuns();
        this.scheduleGEPARefresh();
      },
    });
  }

  start(): void {
    setUnauthorizedHandler(() => this.store.setTokenRequired(true));
    this.socket.start();
    void this.refreshRuns();
  }

  stop(): void {
    this.socket.stop();
    clearTimeout(this.gapTimer);
    clearTimeout(this.gepaTimer);
  }

  async refreshRuns(): Promise<void> {
    try {
      const page = await listRuns();
      this.store.replaceRuns(page.runs);
      if (!this.olderRunsLoaded) this.store.setOlderRunsCursor(page.nextCursor ?? null);
    } catch {
      // the connection indicator and the next reconnect cover an unreachable server
    }
  }

  /** The next page of older runs (the list shows the newest page first). */
  async loadOlderRuns(): Promise<void> {
    const cursor = this.store.getSnapshot().olderRunsCursor;
    if (!cursor) return;
    const page = await listRuns(50, cursor);
    this.olderRunsLoaded = true;
    this.store.replaceRuns(page.runs);
    this.store.setOlderRunsCursor(page.nextCursor ?? null);
  }

  async refreshGEPA(): Promise<void> {
    try {
      this.store.setGEPA(await getGEPAOverview());
    } catch (error) {
      this.store.setGEPA(undefined, error instanceof Error ? error.message : String(error));
    }
  }

  /** Opens a run: its state is rebuilt from the event log (REST now, then the socket's replay and live tail). */
  openRun(runId: string): void {
    this.store.trackRun(runId);
    this.socket.subscribe(runId);
    void this.fetchEvents(runId);
  }

  submitToken(token: string): void {
    saveToken(token);
    this.store.setTokenRequired(false);
    this.socket.reconnectNow();
    void this.refreshRuns();
    void this.refreshGEPA();
  }

  private async fetchEvents(runId: string, fillingGap = false): Promise<void> {
    try {
      this.ingest(await getRunEvents(runId, this.store.lastSeq(runId)));
      const runState = this.store.getSnapshot().runStates[runId];
      // the server's own log lacks these seqs: waiting longer would freeze the run
      if (fillingGap && runState && missingSeqs(runState).length > 0) this.store.skipGap(runId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.store.markRunMissing(runId);
      // otherwise the socket's replay delivers the same events
    }
  }

  private ingest(events: RunEvent[]): void {
    if (events.length === 0) return;
    this.store.ingestEvents(events);
    if (events.some((event) => event.type.startsWith('gepa-') || event.type === 'run-end')) this.scheduleGEPARefresh();
    this.scheduleGapFill();
  }

  private scheduleGEPARefresh(): void {
    clearTimeout(this.gepaTimer);
    this.gepaTimer = setTimeout(() => void this.refreshGEPA(), gepaRefreshDelayMs);
  }

  /** A gap that the socket did not fill within a second is fetched over REST. */
  private scheduleGapFill(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      const { runStates } = this.store.getSnapshot();
      for (const runState of Object.values(runStates)) {
        if (missingSeqs(runState).length > 0) void this.fetchEvents(runState.runId, true);
      }
    }, gapFillDelayMs);
  }
}
