import { z } from 'zod';
import { judgeVerdictSchema } from './judge-verdict';
import { taskSnapshotSchema, taskStatusSchema } from './task-status';
import { usageSchema } from './usage';

/**
 * One protocol everywhere: the same objects are the event log lines in `traces/runs/<runId>.jsonl`,
 * the WebSocket payloads and what `aime run --events` prints. `seq` is contiguous from 1 per run.
 */
const base = {
  runId: z.string(),
  seq: z.number().int().positive(),
  ts: z.number(), // epoch milliseconds
  /** Which execution of the run wrote the event (scale-out mode: 2 after a worker died mid-run; absent = 1). */
  attempt: z.number().int().positive().optional(),
};

export const runStatusSchema = z.enum([
  'queued',
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
  'interrupted',
  'limit-reached',
]);
export type RunStatus = z.infer<typeof runStatusSchema>;
export const finalRunStatusSchema = runStatusSchema.exclude(['queued', 'running', 'waiting']);
export type FinalRunStatus = z.infer<typeof finalRunStatusSchema>;

export const approvalDecisionSchema = z.enum(['approve', 'deny']);
export type ApprovalDecisionValue = z.infer<typeof approvalDecisionSchema>;

export const workflowReportSchema = z.object({
  goal: z.string(),
  status: finalRunStatusSchema,
  completed: z.boolean(),
  finalAnswer: z.string(),
  tasks: z.array(taskSnapshotSchema),
  markdown: z.string(),
  history: z.array(
    z.object({ ts: z.number(), taskId: z.string(), status: taskStatusSchema, message: z.string().optional() }),
  ),
  rationale: z.string(),
  usage: z.object({
    total: usageSchema,
    byRole: z.record(z.string(), usageSchema),
  }),
  model: z.string(),
  iterations: z.number().int().nonnegative(),
  error: z.string().optional(),
  /** The judge's verdict on the final answer against the goal (absent when the run was cancelled). */
  verdict: judgeVerdictSchema.optional(),
});
export type WorkflowReport = z.infer<typeof workflowReportSchema>;

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run-start'),
    goal: z.string(),
    model: z.string(),
    maxIterations: z.number().int(),
    maxParallelActors: z.number().int(),
  }),
  z.object({
    ...base,
    type: z.literal('plan-update'),
    iteration: z.number().int().nonnegative(),
    tasks: z.array(taskSnapshotSchema),
    markdown: z.string(),
    rationale: z.string(),
    /** Set when the planner output was invalid and a deterministic decomposition was used. */
    fallback: z.boolean().optional(),
    reason: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('task-start'),
    taskId: z.string(),
    title: z.string(),
    actor: z.string(),
    persona: z.string(),
    tools: z.array(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('actor-step'),
    taskId: z.string(),
    step: z.number().int().positive(),
    thought: z.string(),
    action: z.string().nullable(),
    /** The MCP bundle (tool_bundles.json entry) the action's tool comes from; absent for built-in tools. */
    bundle: z.string().optional(),
    args: z.unknown().optional(),
    observation: z.string().optional(),
    /** `length`: the model's answer was cut by max_tokens and not used (the observation says so). */
    finishReason: z.literal('length').optional(),
  }),
  z.object({
    ...base,
    type: z.literal('tool-call'),
    taskId: z.string(),
    callId: z.string(),
    tool: z.string(),
    /** The MCP bundle the tool comes from (`tool` is then `<bundle>__<server tool>`); absent for built-in and custom tools. */
    bundle: z.string().optional(),
    args: z.unknown(),
  }),
  z.object({
    ...base,
    type: z.literal('tool-result'),
    taskId: z.string(),
    callId: z.string(),
    tool: z.string(),
    bundle: z.string().optional(),
    ok: z.boolean(),
    output: z.string(),
    error: z.string().optional(),
    ms: z.number(),
  }),
  z.object({
    ...base,
    type: z.literal('approval-requested'),
    taskId: z.string(),
    /** The tool call's id (`callId` of its tool-call event): the key of POST /runs/:id/approvals/:callId. */
    toolCallId: z.string(),
    tool: z.string(),
    bundle: z.string().optional(),
    args: z.unknown(),
    /** Why the call needs approval (the policy that matched). */
    reason: z.string(),
    /** When an unanswered request is denied (epoch ms). */
    expiresAt: z.number(),
    /** write_file over an existing file: unified diff of the change (cut at 64 KiB). */
    diff: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('approval-resolved'),
    taskId: z.string(),
    toolCallId: z.string(),
    tool: z.string(),
    decision: approvalDecisionSchema,
    note: z.string().optional(),
    /** operator: a person answered; expiry: nobody did in time; auto: `--approve-all` or no operator to ask. */
    by: z.enum(['operator', 'expiry', 'auto']),
  }),
  z.object({
    ...base,
    type: z.literal('progress-update'),
    taskId: z.string(),
    status: taskStatusSchema,
    message: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('llm-usage'),
    role: z.string(), // planner | actor | judge | reflection | chat
    taskId: z.string().optional(),
    promptTokens: z.number(),
    completionTokens: z.number(),
    totalTokens: z.number(),
    estimated: z.boolean().optional(),
    ms: z.number(),
  }),
  z.object({
    ...base,
    type: z.literal('task-end'),
    taskId: z.string(),
    status: taskStatusSchema,
    summary: z.string(),
    references: z.array(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('judge-verdict'),
    /** `task`: one actor result; `goal`: the run's final answer. */
    scope: z.enum(['task', 'goal']),
    taskId: z.string().optional(),
    ...judgeVerdictSchema.shape,
    /** Who decided: the model judgement, the deterministic checks, the actor's own failure report, or nobody (`off`). */
    source: z.enum(['model', 'checks', 'claim', 'off']),
    claimedStatus: z.enum(['complete', 'failed']).optional(),
    /** Set when the model judgement failed and the checks decided instead: what went wrong. */
    fallback: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('gepa-record'),
    component: z.string(),
    candidateId: z.string(),
    score: z.number(),
    composite: z.number(),
    feedback: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('gepa-candidate'),
    component: z.string(),
    candidateId: z.string(),
    parents: z.array(z.string()),
    prompt: z.string(),
    scores: z.record(z.string(), z.number()),
    decision: z.enum(['proposed', 'accepted', 'rejected', 'restored']),
  }),
  z.object({
    ...base,
    type: z.literal('run-end'),
    status: finalRunStatusSchema,
    report: workflowReportSchema.optional(),
    error: z.string().optional(),
  }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
/** An event before the emitter stamps it with runId, seq and ts. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type RunEventInput = DistributiveOmit<RunEvent, 'runId' | 'seq' | 'ts'>;
