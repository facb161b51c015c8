import { describe, expect, it } from 'vitest';
import type { ObservedCall } from './aime-actor-conversation';
import { definitionHit } from './aime-search-plan';

const search = (query: string, output: string): ObservedCall => ({
  name: 'search_files',
  args: { query },
  output,
  ok: true,
});

describe('offline search planning', () => {
  it('finds the line that declares a symbol, preferring source over build output', () => {
    const output = [
      '3 matches for "run" in 3 files:',
      'dist/bundle.js:10: function run(options) {',
      'README.md:4: Call run() to start.',
      'src/run.ts:2: export async function run(options: Options): Promise<void> {',
    ].join('\n');
    expect(definitionHit([search('run', output)], ['run'])).toEqual({
      term: 'run',
      path: 'src/run.ts',
      line: 2,
      text: 'export async function run(options: Options): Promise<void> {',
    });
  });

  it('recognises constants, classes and Python definitions, and ignores mere mentions', () => {
    expect(definitionHit([search('x', 'a.ts:1: export const x=1')], ['x'])?.path).toBe('a.ts');
    expect(definitionHit([search('Widget', 'w.ts:3: export class Widget {')], ['Widget'])?.line).toBe(3);
    expect(definitionHit([search('load', 'l.py:7: def load(path):')], ['load'])?.path).toBe('l.py');
    expect(definitionHit([search('load', 'm.ts:2: const data = load(path);')], ['load'])).toBeUndefined();
  });
});
