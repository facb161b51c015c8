import type { ApprovalMode } from '../config/approval-settings';
import type { ApprovalGate } from '../tools/approval/approval-gate';

/** How a run asks for approval: the service-wide mode, the expiry, and who answers (none: deny). */
export interface ApprovalSetup {
  mode: ApprovalMode;
  timeoutMs: number;
  gate?: ApprovalGate;
}
