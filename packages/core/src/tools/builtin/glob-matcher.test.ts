import { describe, expect, it } from 'vitest';
import { compileGlob, GLOB_MAX_LENGTH, GLOB_MAX_WILDCARDS } from './glob-matcher';

describe('compileGlob', () => {
  it.each([
    ['*.md', 'README.md', true],
    ['*.md', 'docs/guide.md', true],
    ['*.md', 'docs/guide.mdx', false],
    ['docs/*.md', 'docs/guide.md', true],
    ['docs/*.md', 'docs/a/guide.md', false],
    ['./docs/*.md', 'docs/guide.md', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'src/c.ts', true],
    ['src/**/*.ts', 'srcx/c.ts', false],
    ['a/**/b', 'a/xb', false],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**', 'a/x/y/b', true],
    ['a/**', 'b/a/x', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file/.txt', false],
    ['file?.txt', 'file12.txt', false],
    ['*.{ts,tsx}', 'app.tsx', true],
    ['*.{ts,tsx}', 'app.js', false],
    ['src/{lib,app{s,}}/*.ts', 'src/apps/x.ts', true],
    ['src/{lib,app{s,}}/*.ts', 'src/app/x.ts', true],
    ['src/{lib,app{s,}}/*.ts', 'src/appz/x.ts', false],
    ['a+b.txt', 'a+b.txt', true],
    ['[ab].txt', '[ab].txt', true],
    ['[ab].txt', 'a.txt', false],
    ['{a,b.txt', '{a,b.txt', true],
    ['*', 'dir/name', true],
    ['*a*a*a*b', 'xaxaxab', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(compileGlob(glob)(path)).toBe(expected);
  });

  it('matches the backtracking killer glob in linear time (main took 58 s for 40 "a"s)', () => {
    // Ten `*a` pairs with a name of 200 `a`s: a backtracking matcher needs ~200^10 steps here.
    const matches = compileGlob('*a*a*a*a*a*a*a*a*a*a*b');
    const started = process.hrtime.bigint();
    expect(matches('a'.repeat(200))).toBe(false);
    expect(matches(`${'a'.repeat(200)}b`)).toBe(true);
    expect(matches(`${'a/'.repeat(2000)}${'a'.repeat(200)}`)).toBe(false);
    // A liveness bound, not a speed target: the exponential matcher does not finish in hours.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it('refuses globs that are too long, too wild or expand to too many alternatives', () => {
    const refusal = (glob: string): string => {
      try {
        compileGlob(glob);
        return 'accepted';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(refusal('a'.repeat(GLOB_MAX_LENGTH + 1))).toBe('invalid_glob');
    expect(refusal('*a'.repeat(GLOB_MAX_WILDCARDS + 1))).toBe('invalid_glob');
    expect(refusal('*a'.repeat(GLOB_MAX_WILDCARDS))).toBe('accepted');
    expect(refusal('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}')).toBe('invalid_glob');
    expect(refusal('{a,b}{c,d}{e,f}{g,h}{i,j}')).toBe('accepted');
  });
});
