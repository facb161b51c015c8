import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../cli-test-support';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function temporary(prefix: string): string {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  directories.push(directory);
  return directory;
}

function run(argv: string[]) {
  const config = temporary('aime-approve-config-');
  writeFileSync(join(config, 'gepa_config.yaml'), `trace_path: ${join(config, 'gepa_history.jsonl')}\n`);
  const root = temporary('aime-approve-');
  writeFileSync(join(root, 'README.md'), '# Tiny\n\nA tiny project.\n');
  const goal = 'Read README.md and write a summary to notes/summary.md';
  const result = runCliCaptured(
    ['--config', config, 'run', '--events', '--max-iterations', '2', '--workspace', root, ...argv, goal],
    {
      env: { AIME_APPROVAL: 'risky' },
      stdinText: '',
    },
  );
  return { result, summary: join(root, 'notes', 'summary.md') };
}

const resolutions = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type?: string; decision?: string; by?: string })
    .filter((event) => event.type === 'approval-resolved');

describe('aime run with AIME_APPROVAL=risky', () => {
  it('--approve-all approves write_file and the file is written', async () => {
    const { result, summary } = run(['--approve-all']);
    const { stdout } = await result;
    expect(resolutions(stdout)[0]).toMatchObject({ decision: 'approve', by: 'auto' });
    expect(existsSync(summary)).toBe(true);
  });

  it('without a terminal and without --approve-all, calls that need approval are denied', async () => {
    const { result, summary } = run([]);
    const { stdout } = await result;
    expect(resolutions(stdout).length).toBeGreaterThan(0);
    expect(resolutions(stdout).every((event) => event.decision === 'deny' && event.by === 'auto')).toBe(true);
    expect(existsSync(summary)).toBe(false);
  });
});
