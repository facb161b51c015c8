import type { ToolCall } from '../llm/types';
import type { ApprovalDecision, ApprovalGate } from '../tools/approval/approval-gate';
import { approvalReason } from '../tools/approval/approval-policy';
import { writeFileDiff } from '../tools/approval/write-file-diff';
import type { AnyTool } from '../tools/types';
import type { ActorRunContext } from './actor-run-context';
import type { ApprovalSetup } from './approval-setup';
import { parseArguments } from './tool-arguments';

/**
 * Asks for approval when the tool's policy and the mode say so: emits `approval-requested`, waits
 * (no tool timeout runs meanwhile; the run's cancel ends the wait), emits `approval-resolved`.
 * Returns the observation for a denied call, or undefined when the call may run.
 */
export async function approvalStep(
  context: ActorRunContext,
  taskId: string,
  tool: AnyTool,
  call: ToolCall,
): Promise<string | undefined> {
  const setup = context.approvals;
  const reason = setup ? approvalReason(tool, setup.mode) : undefined;
  if (!setup || reason === undefined) return undefined;
  const args = parseArguments(call.function.arguments);
  const diff = tool.name === 'write_file' ? await writeFileDiff(context.workspaceRoot, args) : undefined;
  const request = {
    taskId,
    toolCallId: call.id,
    tool: tool.name,
    ...(tool.source ? { bundle: tool.source.bundle } : {}),
    args,
    reason,
    expiresAt: Date.now() + setup.timeoutMs,
    ...(diff ? { diff } : {}),
  };
  await context.emit({ type: 'approval-requested', ...request });
  const decision = await decide(setup, request, context.signal);
  await context.emit({
    type: 'approval-resolved',
    taskId,
    toolCallId: call.id,
    tool: tool.name,
    decision: decision.decision,
    by: decision.by,
    ...(decision.note ? { note: decision.note } : {}),
  });
  if (decision.decision === 'approve') return undefined;
  if (decision.by === 'expiry')
    return `${tool.name} was denied: no operator answered within ${Math.round(setup.timeoutMs / 1000)} s`;
  return `${tool.name} was denied by the operator${decision.note ? `: ${decision.note}` : ''}`;
}

async function decide(
  setup: ApprovalSetup,
  request: Parameters<ApprovalGate['request']>[0],
  signal: AbortSignal,
): Promise<ApprovalDecision> {
  if (!setup.gate) return { decision: 'deny', note: 'no operator can approve tool calls here', by: 'auto' };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<ApprovalDecision>((resolve) => {
    timer = setTimeout(() => {
      // Settle first: aborting makes the gate's own promise reject, which must not win the race.
      resolve({ decision: 'deny', note: 'the request expired', by: 'expiry' });
      controller.abort(new Error('approval expired'));
    }, setup.timeoutMs);
  });
  try {
    const answered = setup.gate.request(request, controller.signal);
    answered.catch(() => undefined);
    const decision = await Promise.race([answered, expired]);
    signal.throwIfAborted();
    return decision;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
