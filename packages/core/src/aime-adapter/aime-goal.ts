import { z } from 'zod';
import { RUN_LIMIT_RANGES } from '../workflow/workflow-limits';

const RELATIVE_PATH_MESSAGE = 'must be a relative path inside the workspace (no leading / and no ..)';

function isRelativeInside(path: string): boolean {
  return path.length > 0 && !/^([/\\]|[A-Za-z]:)/.test(path) && !path.split(/[/\\]/).includes('..');
}

/** A workspace-relative path that cannot leave the workspace. */
const relativePathSchema = z.string().min(1).refine(isRelativeInside, { message: RELATIVE_PATH_MESSAGE });

/** Workspace files: relative path → content; a bad path is reported under its own key. */
const workspaceFilesSchema = z.record(z.string(), z.string()).superRefine((files, context) => {
  for (const path of Object.keys(files)) {
    if (!isRelativeInside(path)) context.addIssue({ code: 'custom', path: [path], message: RELATIVE_PATH_MESSAGE });
  }
});

/** What must hold after the run, besides the goal being completed. */
export const goalExpectationsSchema = z.object({
  /** Files that must exist in the workspace. */
  files: z.array(relativePathSchema).default([]),
  /** Files that must contain a text. */
  fileContains: z.array(z.object({ path: relativePathSchema, text: z.string().min(1) })).default([]),
  /** Texts the final answer must contain (case-insensitive). */
  answerContains: z.array(z.string().min(1)).default([]),
});

/** One example for `aime optimize`: a goal, the workspace it starts from, and its expectations. */
export const aimeGoalSchema = z.object({
  id: z.string().min(1).optional(),
  goal: z.string().min(1),
  /** Files written into the fresh workspace before the run: relative path → content. */
  files: workspaceFilesSchema.default({}),
  expect: goalExpectationsSchema.default({ files: [], fileContains: [], answerContains: [] }),
  /** Planner iterations for this goal (default: the adapter's). */
  maxIterations: z
    .number()
    .int()
    .min(RUN_LIMIT_RANGES.maxIterations.min)
    .max(RUN_LIMIT_RANGES.maxIterations.max)
    .optional(),
});
export type AIMEGoal = z.infer<typeof aimeGoalSchema>;
export type AIMEGoalInput = z.input<typeof aimeGoalSchema>;

const goalListSchema = z.array(aimeGoalSchema).min(1);
const goalFileObjectSchema = z.object({
  description: z.string().optional(),
  goals: goalListSchema,
  validation: goalListSchema.optional(),
});

/** A goals file: a list of goals, or `{ goals, validation? }` (validation defaults to the goals). */
export const aimeGoalSetSchema = z.union([goalListSchema, goalFileObjectSchema]);

/** Validates a goals file against the form it has (list or object), so errors name the field. */
export function safeParseGoalSet(raw: unknown) {
  return Array.isArray(raw) ? goalListSchema.safeParse(raw) : goalFileObjectSchema.safeParse(raw);
}

export interface AIMEGoalSet {
  trainset: AIMEGoal[];
  valset: AIMEGoal[];
}

/** Normalises a parsed goals file; ids default to `goal-<n>`. */
export function toGoalSet(parsed: z.infer<typeof aimeGoalSetSchema>): AIMEGoalSet {
  const withIds = (goals: AIMEGoal[], prefix: string) =>
    goals.map((goal, index) => ({ ...goal, id: goal.id ?? `${prefix}-${index + 1}` }));
  if (Array.isArray(parsed)) {
    const goals = withIds(parsed, 'goal');
    return { trainset: goals, valset: goals };
  }
  const trainset = withIds(parsed.goals, 'goal');
  return { trainset, valset: parsed.validation ? withIds(parsed.validation, 'validation') : trainset };
}
