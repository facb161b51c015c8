import type { RunEvent } from '@gepa-aime/core';
import type { RunState } from './run-state';

export interface RunObserver {
  /** A logged event (called after the line is written, in seq order per run). */
  onEvent?(run: RunState, event: RunEvent): void;
  /** The run was created, changed status, or its plan/tasks changed. */
  onRunChange?(run: RunState): void;
  /** An event read back from a log while the index is rebuilt at start-up. */
  onRecoveredEvent?(event: RunEvent): void;
}

export interface RunManagerLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}
