import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberFlag, parseBenchArgs } from './args';
import { renderReport, writeReport } from './report';
import { formatMeanSd, standardDeviation } from './stats';

describe('bench harness', () => {
  it('parses the benchmark name and flags', () => {
    expect(parseBenchArgs(['gepa', '--smoke', '--seeds', '3', '--budget=50'])).toEqual({
      name: 'gepa',
      flags: { smoke: true, seeds: '3', budget: '50' },
    });
    expect(numberFlag({ seeds: '3' }, 'seeds', 5)).toBe(3);
    expect(numberFlag({}, 'seeds', 5)).toBe(5);
    expect(() => numberFlag({ seeds: 'x' }, 'seeds', 5)).toThrow(/--seeds/);
  });

  it('computes sample statistics', () => {
    expect(standardDeviation([1, 2, 3, 4])).toBeCloseTo(1.291, 3);
    expect(formatMeanSd([0.5, 0.7])).toBe('0.600 ± 0.141');
  });

  it('writes JSON and a markdown table', () => {
    const report = {
      name: 'demo',
      description: 'A demo.',
      parameters: { budget: 10 },
      tables: [{ title: 'Scores', columns: ['strategy', 'score'], rows: [['a|b', '1.0']] }],
      data: [1, 2],
    };
    const directory = mkdtempSync(join(tmpdir(), 'bench-report-'));
    const paths = writeReport(report, directory);
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toMatchObject({ name: 'demo', data: [1, 2] });
    expect(readFileSync(paths.markdown, 'utf8')).toBe(renderReport(report));
    expect(renderReport(report)).toContain('| strategy | score |\n| --- | --- |\n| a\\|b | 1.0 |');
  });
});
