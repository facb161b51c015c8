import { describe, expect, it } from 'vitest';
import { planResponseJsonSchema, planResponseSchema } from './plan-schema';

describe('plan schema', () => {
  it('sends a portable JSON schema: every property required, no defaults or length limits, recursive children', () => {
    const schema = planResponseJsonSchema();
    const text = JSON.stringify(schema);
    expect(text).not.toMatch(/"(default|minLength|maxLength|\$schema)"/);
    expect(schema.required).toEqual(['rationale', 'tasks', 'next', 'done', 'finalAnswer']);
    expect(schema.additionalProperties).toBe(false);
    const definitions = schema.$defs as Record<string, { required: string[]; properties: Record<string, unknown> }>;
    const task = Object.values(definitions)[0];
    expect(task?.required).toEqual([
      'id',
      'title',
      'completionCriteria',
      'dependsOn',
      'persona',
      'bundles',
      'contingencyFor',
      'children',
    ]);
    expect(JSON.stringify(task?.properties.children)).toContain('"$ref"');
  });

  it('fills defaults for omitted fields and rejects a task without a title', () => {
    const parsed = planResponseSchema.parse({ rationale: 'r', tasks: [{ id: '1', title: 't' }] });
    expect(parsed).toMatchObject({ next: [], done: false, finalAnswer: '' });
    expect(parsed.tasks[0]).toMatchObject({ dependsOn: [], bundles: [], children: [], contingencyFor: '' });
    expect(planResponseSchema.safeParse({ rationale: 'r', tasks: [{ id: '1' }] }).success).toBe(false);
  });
});
