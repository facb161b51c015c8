import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './compose-files';
import {
  environmentOf,
  execForm,
  healthcheckCommand,
  type Instruction,
  readDockerfile,
  resolveImage,
  type Stage,
} from './dockerfile';
import { isIgnored, readIgnorePatterns } from './dockerignore';

const dockerfile = readDockerfile(repositoryRoot);
const rootPackage = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const buildStage = dockerfile.stages.find((stage) => stage.name === 'build')!;
const runtimeStage = dockerfile.stages.at(-1)!;

function runs(stage: Stage): string[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .map((instruction) => instruction.rest);
}

function only(stage: Stage, keyword: string): Instruction {
  const found = stage.instructions.filter((instruction) => instruction.keyword === keyword);
  expect(found, keyword).toHaveLength(1);
  return found[0]!;
}

function workdir(stage: Stage): string {
  return only(stage, 'WORKDIR').rest;
}

/** `pnpm start` is `exec node <entry>` after `prestart`'s build: the entry the Docker image must run too. */
function startEntry(): string {
  const match = /^exec node (\S+)$/.exec(rootPackage.scripts.start ?? '');
  if (!match?.[1]) throw new Error(`unexpected start script: ${rootPackage.scripts.start}`);
  return match[1];
}

describe('Dockerfile build stage', () => {
  it('is a separate stage before the runtime stage', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage).toBeDefined();
    expect(runtimeStage).not.toBe(buildStage);
  });

  it('installs the pnpm version CI installs, from the lockfile', () => {
    const ciPnpm = /pnpm@(\d+\.\d+\.\d+)/.exec(readFileSync(join(repositoryRoot, '.ci', 'run'), 'utf8'))?.[1];
    expect(ciPnpm).toBeDefined();
    expect(runs(buildStage)).toContain(`npm install --global pnpm@${ciPnpm}`);
    expect(runs(buildStage)).toContain('pnpm install --frozen-lockfile');
    const copies = buildStage.instructions.filter((instruction) => instruction.keyword === 'COPY');
    expect(copies.some((instruction) => instruction.rest.split(/\s+/).includes('pnpm-lock.yaml'))).toBe(true);
  });

  it('builds with the one build script that `pnpm build` (and so `pnpm start`) runs', () => {
    expect(rootPackage.scripts.build).toBe('bash scripts/build.sh');
    expect(rootPackage.scripts.prestart).toBe('pnpm build');
    expect(runs(buildStage)).toContain(rootPackage.scripts.build);
  });

  it('collects production dependencies only for the runtime', () => {
    const deploy = runs(buildStage).find((command) => command.includes(' deploy '));
    expect(deploy).toMatch(/--filter @gepa-aime\/server deploy --prod /);
    expect(runs(runtimeStage).join('\n')).not.toMatch(/\b(pnpm|npm) (install|i|ci)\b/);
  });
});

describe('Dockerfile runtime stage', () => {
  it('is a slim Node LTS image at least as new as package.json engines require', () => {
    const image = resolveImage(runtimeStage.image, dockerfile.arguments);
    const major = Number(/^node:(\d+)-slim$/.exec(image)?.[1]);
    const minimumMajor = Number(/(\d+)/.exec(rootPackage.engines.node)?.[1]);
    expect(major).toBeGreaterThanOrEqual(minimumMajor);
    expect(major % 2).toBe(0);
  });

  it('runs the same entry file `pnpm start` runs, copied from where the build wrote it', () => {
    const entry = startEntry();
    expect(execForm(only(runtimeStage, 'CMD').rest)).toEqual(['node', entry]);
    const entryDirectory = posix.dirname(entry);
    const copy = runtimeStage.instructions.find(
      (instruction) => instruction.keyword === 'COPY' && instruction.rest.split(/\s+/)[1] === entryDirectory,
    );
    expect(copy?.flags.from).toBe('build');
    expect(copy?.rest.split(/\s+/)[0]).toBe(posix.join(workdir(buildStage), entryDirectory));
  });

  it('ships the dashboard build beside the server, as in the repository', () => {
    const copied = runtimeStage.instructions
      .filter((instruction) => instruction.keyword === 'COPY' && instruction.flags.from === 'build')
      .map((instruction) => instruction.rest.split(/\s+/));
    expect(copied).toContainEqual([posix.join(workdir(buildStage), 'apps/dashboard/dist'), 'apps/dashboard/dist']);
    expect(copied).toContainEqual([posix.join(workdir(buildStage), 'config'), 'config']);
  });

  it('runs as a non-root user from before the command starts', () => {
    const user = only(runtimeStage, 'USER');
    expect(['root', '0', '']).not.toContain(user.rest.split(':')[0]);
    const keywords = runtimeStage.instructions.map((instruction) => instruction.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
  });

  it('listens on 0.0.0.0:8765 and exposes that port', () => {
    const environment = environmentOf(runtimeStage);
    expect(environment).toMatchObject({ AIME_HOST: '0.0.0.0', AIME_PORT: '8765', NODE_ENV: 'production' });
    expect(only(runtimeStage, 'EXPOSE').rest).toBe(environment.AIME_PORT);
  });

  it('declares traces, config and the workspace as volumes where the service reads them', () => {
    const environment = environmentOf(runtimeStage);
    const volumes = execForm(only(runtimeStage, 'VOLUME').rest);
    expect(volumes).toEqual(
      expect.arrayContaining([
        environment.AIME_TRACES_DIR,
        posix.join(workdir(runtimeStage), 'config'),
        environment.AIME_WORKSPACE,
      ]),
    );
    const prepared = runs(runtimeStage).join('\n');
    expect(prepared).toContain(`chown node:node ${environment.AIME_TRACES_DIR} ${environment.AIME_WORKSPACE}`);
  });

  it('has a HEALTHCHECK that probes /health with node alone (no curl in the slim image)', () => {
    const healthcheck = only(runtimeStage, 'HEALTHCHECK');
    expect(healthcheck.flags).toMatchObject({ interval: expect.any(String), timeout: expect.any(String) });
    const command = healthcheckCommand(runtimeStage);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain('/health');
  });
});

describe('.dockerignore', () => {
  const patterns = readIgnorePatterns(repositoryRoot);

  it('keeps installs, builds, secrets and run logs out of the build context', () => {
    for (const path of [
      'node_modules/zod/package.json',
      'apps/server/node_modules/x',
      'apps/server/dist/server.js',
      '.env',
      '.git/HEAD',
      'traces/runs/abc.jsonl',
    ]) {
      expect(isIgnored(path, patterns), path).toBe(true);
    }
  });

  it('sends every tracked source file the build needs', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: repositoryRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(tracked).toEqual(expect.arrayContaining(['pnpm-lock.yaml', 'scripts/build.sh', 'package.json']));
    expect(tracked.filter((path) => isIgnored(path, patterns))).toEqual([]);
  });
});
