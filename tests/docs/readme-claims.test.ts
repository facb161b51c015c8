import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README claims a fresh clone keeps', () => {
  it('does not promise a dashboard without a build: the --viz line builds first', () => {
    const vizLine = readme.split('\n').find((line) => line.includes('aime --viz'));
    expect(vizLine).toMatch(/pnpm build && pnpm aime --viz/);
  });

  it('says how to run aime outside the repository', () => {
    expect(readme).toContain('pnpm --dir /path/to/gepa-aime aime');
    expect(readme).toContain('node /path/to/gepa-aime/apps/cli/bin/aime.js');
  });
});
