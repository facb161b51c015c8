import { z } from 'zod';

/** One task of the planner's global plan. Ids are stable across iterations ("1", "1.2", "3b" …). */
export interface PlannedTask {
  id: string;
  title: string;
  completionCriteria: string;
  dependsOn: string[];
  persona: string;
  bundles: string[];
  /** Id of a failed task this one works around (a contingency task), or "". */
  contingencyFor: string;
  children: PlannedTask[];
}

/** What the model may send: everything but id and title may be left out. */
export interface PlannedTaskInput {
  id: string;
  title: string;
  completionCriteria?: string;
  dependsOn?: string[];
  persona?: string;
  bundles?: string[];
  contingencyFor?: string;
  children?: PlannedTaskInput[];
}

export const plannedTaskSchema: z.ZodType<PlannedTask, PlannedTaskInput> = z.object({
  id: z.string().min(1).max(40).describe('Stable task id; keep the ids of existing tasks'),
  title: z.string().min(1).max(400).describe('What to do, as an instruction'),
  completionCriteria: z.string().max(600).default('').describe('How to tell the task is done'),
  dependsOn: z.array(z.string()).default([]).describe('Ids of tasks that must be complete first'),
  persona: z.string().max(200).default('').describe('Who should do it, e.g. "repository analyst"'),
  bundles: z.array(z.string()).default([]).describe('Tool bundles the actor needs, e.g. ["default"]'),
  contingencyFor: z.string().default('').describe('For a contingency task: the id of the failed task it replaces'),
  get children() {
    return z.array(plannedTaskSchema).default([]).describe('Subtasks; a parent is complete when all are');
  },
});

/**
 * What the DynamicPlanner asks the model for each iteration: the updated global plan and either the
 * next subtask(s) to run (local plan) or `done` with a final answer.
 */
export const planResponseSchema = z.object({
  rationale: z.string().describe('Why the plan looks like this and why these tasks come next'),
  tasks: z.array(plannedTaskSchema).describe('The full updated checklist (global plan)'),
  next: z
    .array(z.string())
    .default([])
    .describe('Ids of the leaf tasks to run now (independent ones may run in parallel)'),
  done: z.boolean().default(false).describe('True when the goal is achieved or cannot be achieved'),
  finalAnswer: z.string().default('').describe('When done: the answer to the goal, citing the task results'),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

export const PLAN_RESPONSE_NAME = 'aime_plan';

/** Keywords some structured-output backends reject (OpenAI strict mode); zod still enforces them locally. */
const UNPORTABLE_KEYWORDS = new Set(['$schema', 'default', 'minLength', 'maxLength', 'minItems', 'maxItems']);

let portableSchema: Readonly<Record<string, unknown>> | undefined;

/** The JSON Schema sent to the model as `responseSchema` (portable subset of the zod schema), built once. */
export function planResponseJsonSchema(): Readonly<Record<string, unknown>> {
  portableSchema ??= portable(z.toJSONSchema(planResponseSchema, { io: 'output' })) as Record<string, unknown>;
  return portableSchema;
}

function portable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(portable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !UNPORTABLE_KEYWORDS.has(key))
      .map(([key, entry]) => [key, key === 'properties' || key === '$defs' ? portableMap(entry) : portable(entry)]),
  );
}

/** Property and definition maps: their keys are names, not keywords, so only the values are cleaned. */
function portableMap(map: unknown): unknown {
  if (!map || typeof map !== 'object') return map;
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).map(([name, entry]) => [name, portable(entry)]),
  );
}
