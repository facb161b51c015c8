import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from './create-builtin-registry';
import { toToolDefinitions } from './tool-definitions';

describe('toToolDefinitions', () => {
  it('produces OpenAI function definitions with JSON schemas from the zod parameters', () => {
    const definitions = toToolDefinitions(createBuiltinRegistry().all());
    expect(definitions.map((definition) => definition.function.name)).toEqual([
      'read_file',
      'list_dir',
      'write_file',
      'search_files',
      'find_files',
      'web_search',
      'update_progress',
    ]);
    const readFile = definitions[0];
    expect(readFile?.type).toBe('function');
    expect(readFile?.function.parameters).toEqual({
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the workspace root' },
        offset: {
          type: 'integer',
          minimum: 1,
          maximum: Number.MAX_SAFE_INTEGER,
          description: 'First line to return (1-based, default 1)',
        },
        limit: { type: 'integer', minimum: 1, maximum: 10_000, description: 'Maximum number of lines (default 2000)' },
      },
      required: ['path'],
    });
    const progress = definitions.find((definition) => definition.function.name === 'update_progress')?.function
      .parameters as { properties: { status: { enum: string[] } } };
    expect(progress.properties.status.enum).toEqual(['pending', 'in_progress', 'complete', 'failed']);
    for (const definition of definitions) {
      expect(definition.function.description.length).toBeGreaterThan(20);
      expect(definition.function.parameters).not.toHaveProperty('$schema');
    }
  });
});
