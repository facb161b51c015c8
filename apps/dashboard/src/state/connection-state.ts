export type ConnectionPhase = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Failed attempts since the last successful open. */
  attempt: number;
  /** When the next reconnect attempt is due (epoch ms), while reconnecting. */
  retryAt?: number;
}

export const initialConnection: ConnectionState = { phase: 'connecting', attempt: 0 };
