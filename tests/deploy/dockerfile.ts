import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  text: string;
  /** Leading `--flag=value` options (COPY --from, HEALTHCHECK --interval …). */
  flags: Record<string, string>;
  /** The arguments without the leading flags. */
  rest: string;
}

export interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Splits a Dockerfile into instructions (comments dropped, `\` continuations joined) grouped by stage. */
export function parseDockerfile(source: string): { arguments: Instruction[]; stages: Stage[] } {
  const logicalLines: string[] = [];
  let pending = '';
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) continue;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1).trim()} `;
      continue;
    }
    const complete = (pending + trimmed).trim();
    pending = '';
    if (complete) logicalLines.push(complete);
  }
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const instruction = parseInstruction(line);
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.rest.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { arguments: preamble, stages };
}

function parseInstruction(line: string): Instruction {
  const space = line.search(/\s/);
  const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const text = space < 0 ? '' : line.slice(space + 1).trim();
  const flags: Record<string, string> = {};
  let rest = text;
  for (let match = /^--([a-z-]+)=(\S+)\s*/.exec(rest); match; match = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
    flags[match[1] ?? ''] = match[2] ?? '';
    rest = rest.slice(match[0].length);
  }
  return { keyword, text, flags, rest };
}

export function readDockerfile(root: string): { arguments: Instruction[]; stages: Stage[] } {
  return parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
}

/** `ARG NAME=default` values from the preamble, substituted into `${NAME}` of a FROM image. */
export function resolveImage(image: string, preamble: Instruction[]): string {
  const defaults = Object.fromEntries(
    preamble
      .filter((instruction) => instruction.keyword === 'ARG')
      .map((instruction) => {
        const [name = '', value = ''] = instruction.rest.split('=');
        return [name, value];
      }),
  );
  return image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_match, name: string) => defaults[name] ?? '');
}

/** The exec-form (JSON array) arguments of CMD/HEALTHCHECK CMD/VOLUME. */
export function execForm(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not an exec-form array: ${text}`);
  }
  return parsed;
}

/** The exec-form command of the stage's HEALTHCHECK (throws when the stage has none). */
export function healthcheckCommand(stage: Stage): string[] {
  const healthcheck = stage.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK');
  if (!healthcheck) throw new Error('the stage has no HEALTHCHECK');
  return execForm(healthcheck.rest.replace(/^CMD\s+/, ''));
}

/** `ENV A=1 B=2` instructions of a stage, merged. */
export function environmentOf(stage: Stage): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const instruction of stage.instructions.filter((candidate) => candidate.keyword === 'ENV')) {
    for (const pair of instruction.rest.split(/\s+/)) {
      const separator = pair.indexOf('=');
      if (separator > 0) environment[pair.slice(0, separator)] = pair.slice(separator + 1);
    }
  }
  return environment;
}
