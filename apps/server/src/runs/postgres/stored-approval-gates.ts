import { type ApprovalDecision, type ApprovalGate, normalizeError } from '@gepa-aime/core';
import type pg from 'pg';
import type { RunManagerLogger } from '../run-observer';
import { readApprovalAnswers } from './approval-answers';

interface OpenRequest {
  runId: string;
  toolCallId: string;
  resolve(decision: ApprovalDecision): void;
}

/**
 * A worker's approval requests in the scale-out mode: each waits until an operator's answer,
 * taken by any API replica (`POST /runs/:id/approvals/:callId`), is in `aime.approval_answers`.
 * `check()` runs on the answer NOTIFY and on the worker's poll; expiry and cancel are the actor's.
 */
export class StoredApprovalGates {
  private readonly open = new Map<string, OpenRequest>();
  private checking = false;
  private checkAgain = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: RunManagerLogger,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  gateFor(runId: string): ApprovalGate {
    return {
      request: (request, signal) =>
        new Promise<ApprovalDecision>((resolve, reject) => {
          if (signal.aborted) {
            reject(signal.reason);
            return;
          }
          const key = `${runId}\n${request.toolCallId}`;
          const settle = (): void => {
            this.open.delete(key);
            signal.removeEventListener('abort', onAbort);
          };
          const onAbort = (): void => {
            settle();
            reject(signal.reason);
          };
          signal.addEventListener('abort', onAbort, { once: true });
          this.open.set(key, {
            runId,
            toolCallId: request.toolCallId,
            resolve: (decision) => {
              settle();
              resolve(decision);
            },
          });
          // An answer may have been stored between the request's event and this registration.
          this.check();
        }),
    };
  }

  /** Reads the stored answers of the open requests and hands each to its waiting actor. */
  check(): void {
    if (this.open.size === 0) return;
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    void (async () => {
      try {
        do {
          this.checkAgain = false;
          const answers = await readApprovalAnswers(this.pool, [...this.open.values()]);
          for (const answer of answers) {
            this.open.get(`${answer.runId}\n${answer.toolCallId}`)?.resolve({
              decision: answer.decision,
              by: 'operator',
              ...(answer.note ? { note: answer.note } : {}),
            });
          }
        } while (this.checkAgain && this.open.size > 0);
      } catch (error) {
        this.logger.warn({ error: normalizeError(error).message }, 'approval answer check failed');
      } finally {
        this.checking = false;
      }
    })();
  }
}
