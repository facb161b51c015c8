import { describe, expect, it } from 'vitest';
import { formatZodIssues } from '../../errors/format-zod-issues';
import { jsonSchemaParameters } from './json-schema-parameters';

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    path: { type: 'string' },
    mode: { enum: ['fast', 'slow'] },
    site: { type: 'string', format: 'uri' },
    nested: { type: 'object', properties: { count: { type: 'integer', minimum: 1 } } },
  },
  required: ['path'],
  additionalProperties: false,
};

function problems(value: unknown, inputSchema: Record<string, unknown> = schema): string | undefined {
  const result = jsonSchemaParameters(inputSchema).safeParse(value);
  return result.success ? undefined : formatZodIssues(result.error, '(arguments)');
}

describe('jsonSchemaParameters', () => {
  it('accepts arguments that match the JSON schema', () => {
    expect(
      problems({ path: 'a.txt', mode: 'fast', site: 'https://example.org', nested: { count: 2 } }),
    ).toBeUndefined();
  });

  it('names each failing field and why', () => {
    const message = problems({ mode: 'medium', site: 'not a uri', nested: { count: 0 }, extra: true });
    expect(message).toContain('path: required');
    expect(message).toContain('mode: must be equal to one of the allowed values');
    expect(message).toContain('site: must match format "uri"');
    expect(message).toContain('nested.count: must be >= 1');
    expect(message).toContain('extra: unknown property');
  });

  it('validates 2020-12 schemas (the MCP default) too', () => {
    const draft2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { items: { type: 'array', prefixItems: [{ type: 'number' }] } },
    };
    expect(problems({ items: [1] }, draft2020)).toBeUndefined();
    expect(problems({ items: ['one'] }, draft2020)).toContain('items.0: must be number');
  });

  it('still requires an object when the schema does not compile', () => {
    expect(problems({ a: 1 }, { type: 'object', properties: { a: { $ref: '#/missing' } } })).toBeUndefined();
    expect(problems('text', { type: 'object', properties: { a: { $ref: '#/missing' } } })).toBeDefined();
  });
});
