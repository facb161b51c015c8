import type { ApprovalDecision, ApprovalGate, ApprovalRequest } from '@gepa-aime/core';
import type { ApprovalAnswers } from './approval-answers';

interface OpenRequest {
  request: ApprovalRequest;
  resolve(decision: ApprovalDecision): void;
}

/**
 * The service's operators answer approval requests: each run's gate parks its requests here until
 * `POST /runs/:id/approvals/:callId` resolves one (expiry and cancel are handled by the actor).
 */
export class ApprovalBroker implements ApprovalAnswers {
  private readonly open = new Map<string, Map<string, OpenRequest>>();

  gateFor(runId: string): ApprovalGate {
    return {
      request: (request, signal) =>
        new Promise<ApprovalDecision>((resolve, reject) => {
          const requests = this.open.get(runId) ?? new Map<string, OpenRequest>();
          this.open.set(runId, requests);
          const settle = (): void => {
            requests.delete(request.toolCallId);
            if (requests.size === 0) this.open.delete(runId);
            signal.removeEventListener('abort', onAbort);
          };
          const onAbort = (): void => {
            settle();
            reject(signal.reason);
          };
          signal.addEventListener('abort', onAbort, { once: true });
          requests.set(request.toolCallId, {
            request,
            resolve: (decision) => {
              settle();
              resolve(decision);
            },
          });
        }),
    };
  }

  /** Answers an open request; false when the run has no open request with this id. */
  resolve(runId: string, toolCallId: string, decision: ApprovalDecision['decision'], note?: string): boolean {
    const open = this.open.get(runId)?.get(toolCallId);
    if (!open) return false;
    open.resolve({ decision, by: 'operator', ...(note ? { note } : {}) });
    return true;
  }
}
