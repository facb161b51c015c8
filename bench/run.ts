import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs } from './lib/args';
import { renderReport, writeReport } from './lib/report';
import type { Benchmark } from './lib/types';

/**
 * `pnpm bench <name> [--smoke] [--key value …]` runs `bench/<name>/index.ts` (its default export
 * is a `Benchmark`), writes `bench/results/<name>.json` and `.md`, and prints the markdown.
 * Without a name (or with `all`) it runs every benchmark in turn; `--list` lists them.
 */
const benchDirectory = dirname(fileURLToPath(import.meta.url));

function availableBenchmarks(): string[] {
  return readdirSync(benchDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(benchDirectory, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

async function main(): Promise<void> {
  const { name, flags } = parseBenchArgs(process.argv.slice(2));
  const names = availableBenchmarks();
  if (flags.list === true) {
    console.log(`Usage: pnpm bench [name|all] [--smoke]\nBenchmarks: ${names.join(', ') || '(none)'}`);
    return;
  }
  if (name === undefined || name === 'all') {
    for (const each of names) await runBenchmark(each, flags);
    return;
  }
  if (!names.includes(name)) {
    console.error(`Unknown benchmark "${name}". Available: ${names.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  await runBenchmark(name, flags);
}

/** Runs `bench/<name>/index.ts` and writes its JSON and markdown results. */
async function runBenchmark(name: string, flags: Record<string, string | boolean>): Promise<void> {
  const module = (await import(`./${name}/index.ts`)) as { default: Benchmark };
  const smoke = flags.smoke === true;
  const started = performance.now();
  const report = await module.default.run({ flags, smoke });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const paths = writeReport(report, join(benchDirectory, 'results'), smoke ? '.smoke' : '');
  console.log(renderReport(report));
  console.log(`(${seconds} s) wrote ${paths.json} and ${paths.markdown}`);
}

await main();
