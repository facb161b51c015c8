import type { ApprovalDecisionValue } from '../../protocol/run-events';

/** A tool call waiting for an operator. */
export interface ApprovalRequest {
  taskId: string;
  toolCallId: string;
  tool: string;
  /** The MCP bundle the tool comes from (absent for built-in tools). */
  bundle?: string;
  args: unknown;
  reason: string;
  expiresAt: number;
  diff?: string;
}

export interface ApprovalDecision {
  decision: ApprovalDecisionValue;
  note?: string;
  by: 'operator' | 'expiry' | 'auto';
}

/**
 * Who answers approval requests for a run: the service (REST/WebSocket operators, with expiry),
 * the interactive CLI (y/n), or `--approve-all`. `request` resolves with the decision, or rejects
 * when the signal (the run's cancel) fires first.
 */
export interface ApprovalGate {
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** `--approve-all`: every request is approved at once (recorded as `by: "auto"`). */
export const approveAllGate: ApprovalGate = {
  async request() {
    return { decision: 'approve', note: 'approved by --approve-all', by: 'auto' };
  },
};
