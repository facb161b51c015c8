import WebSocket from 'ws';
import { waitFor } from './test-app';

export interface ServerMessage {
  type: string;
  runId?: string;
  seq?: number;
  [key: string]: unknown;
}

/** A real `ws` client that records every message it receives. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  /** The subprotocol the server picked ('' for none). */
  get protocol(): string {
    return this.socket.protocol;
  }
  closeCode: number | undefined;
  pings = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
    socket.on('close', (code) => {
      this.closeCode = code;
    });
    socket.on('ping', () => {
      this.pings += 1;
    });
  }

  static connect(url: string, headers: Record<string, string> = {}, protocols: string[] = []): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols, { headers });
      socket.once('open', () => resolve(new TestSocket(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Run events (not control messages) of one run, in arrival order. */
  events(runId?: string): ServerMessage[] {
    return this.messages.filter(
      (message) => typeof message.seq === 'number' && (runId === undefined || message.runId === runId),
    );
  }

  waitForMessage(predicate: (message: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    return waitFor(() => this.messages.find(predicate), timeoutMs);
  }

  /** Stops reading from the TCP socket (a slow consumer) or resumes. */
  setReading(reading: boolean): void {
    const raw = (this.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    if (reading) raw.resume();
    else raw.pause();
  }

  close(): void {
    this.socket.terminate();
  }
}
