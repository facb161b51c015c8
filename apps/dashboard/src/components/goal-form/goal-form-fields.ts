import type { CreateRunBody } from '../../api/types';

export type GoalFormField = 'goal' | 'maxIterations' | 'maxParallelActors';

/** The form's limit inputs: the same ranges the server's schema enforces. */
export const LIMITS = {
  maxIterations: { label: 'Max iterations', min: 1, max: 100 },
  maxParallelActors: { label: 'Parallel actors', min: 1, max: 16 },
} as const;

const LABELS: Record<GoalFormField, string> = {
  goal: 'Goal',
  maxIterations: LIMITS.maxIterations.label,
  maxParallelActors: LIMITS.maxParallelActors.label,
};

export interface GoalFormValues {
  goal: string;
  maxIterations: string;
  maxParallelActors: string;
}

export type FieldProblems = Partial<Record<GoalFormField, string>>;

export function limitMessage(field: keyof typeof LIMITS): string {
  const { label, min, max } = LIMITS[field];
  return `${label} must be a whole number from ${min} to ${max}`;
}

/**
 * What the form can tell before sending: an empty goal, a limit outside its range or not a whole
 * number (a number input reports text it cannot read as `badInput`, with an empty value).
 */
export function checkGoalForm(values: GoalFormValues, unreadable: Partial<Record<GoalFormField, boolean>> = {}) {
  const problems: FieldProblems = {};
  if (values.goal.trim() === '') problems.goal = 'Goal is required';
  for (const field of ['maxIterations', 'maxParallelActors'] as const) {
    const text = values[field].trim();
    if (unreadable[field]) problems[field] = limitMessage(field);
    if (text === '') continue;
    const value = Number(text);
    const { min, max } = LIMITS[field];
    if (!Number.isInteger(value) || value < min || value > max) problems[field] = limitMessage(field);
  }
  return problems;
}

export function toCreateRunBody(values: GoalFormValues): CreateRunBody {
  const body: CreateRunBody = { goal: values.goal.trim() };
  if (values.maxIterations.trim() !== '') body.maxIterations = Number(values.maxIterations);
  if (values.maxParallelActors.trim() !== '') body.maxParallelActors = Number(values.maxParallelActors);
  return body;
}

/**
 * A server 400's fields (`body.maxIterations` + `must be a whole number from 1 to 100`) as the
 * form's labels (`Max iterations must be …`), never raw `body.` paths.
 */
export function problemsFromServer(fields: Array<{ path: string; message: string }>): FieldProblems {
  const problems: FieldProblems = {};
  for (const { path, message } of fields) {
    const name = path.replace(/^body\./, '');
    if (name in LABELS) problems[name as GoalFormField] = `${LABELS[name as GoalFormField]} ${message}`;
  }
  return problems;
}
