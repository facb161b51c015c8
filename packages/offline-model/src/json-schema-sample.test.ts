import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleFromSchema } from './json-schema-sample';

function validates(schema: z.ZodType, text = 'Summarise the repository layout in src/index.ts') {
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  const value = sampleFromSchema(jsonSchema, { text });
  const result = schema.safeParse(value);
  expect(result.error?.issues ?? []).toEqual([]);
  return value;
}

describe('sampleFromSchema', () => {
  it('fills required object properties, strings, numbers, booleans and enums', () => {
    const value = validates(
      z.object({
        summary: z.string().min(3),
        score: z.number().min(0).max(1),
        count: z.number().int().min(5),
        done: z.boolean(),
        status: z.enum(['completed', 'failed']),
        note: z.string().optional(),
      }),
    ) as Record<string, unknown>;
    expect(value.status).toBe('completed');
    expect(value.count).toBe(5);
    expect(String(value.summary)).toContain('Summarise the repository layout');
  });

  it('handles arrays, nested objects, nullable and unions', () => {
    validates(
      z.object({
        tasks: z
          .array(z.object({ id: z.string(), title: z.string().max(10), children: z.array(z.string()).min(2) }))
          .min(1),
        parent: z.string().nullable(),
        choice: z.union([z.number().int().lt(0), z.string()]),
        tuple: z.tuple([z.string(), z.number()]),
        unique: z.array(z.string()).min(3),
      }),
    );
  });

  it('respects string formats, length limits, exclusive bounds and multipleOf', () => {
    validates(
      z.object({
        when: z.iso.datetime(),
        email: z.email(),
        link: z.url(),
        short: z.string().length(4),
        ratio: z.number().gt(0).lt(0.5),
        even: z.number().int().multipleOf(2).min(3),
      }),
    );
  });

  it('resolves recursive $ref definitions', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(node) }));
    validates(z.object({ root: node }));
  });

  it('fills path-like keys from the request text', () => {
    const value = sampleFromSchema(
      { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      { text: 'read the file docs/models.md please' },
    );
    expect(value).toEqual({ path: 'docs/models.md' });
  });
});
