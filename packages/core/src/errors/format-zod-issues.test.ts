import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatZodIssues } from './format-zod-issues';

const schema = z.object({ a: z.number(), b: z.object({ c: z.string() }) });

describe('formatZodIssues', () => {
  it('names each field path with its message, joined by "; "', () => {
    const error = schema.safeParse({ a: 'x', b: { c: 1 } }).error!;
    expect(formatZodIssues(error)).toMatch(/^a: .*number.*; b\.c: .*string/);
  });

  it('labels root problems and honours the limit', () => {
    const error = z.string().safeParse(4).error!;
    expect(formatZodIssues(error, '(arguments)')).toMatch(/^\(arguments\): /);
    const many = schema.safeParse({}).error!;
    expect(formatZodIssues(many, '(root)', 1).split('; ')).toHaveLength(1);
  });
});
