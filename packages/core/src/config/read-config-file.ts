import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { formatZodIssues } from '../errors/format-zod-issues';

/** Reads a YAML or JSON file, or returns undefined when it does not exist. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: cannot read (${(error as Error).message})`, { file, cause: error });
  }
  return file.endsWith('.json') ? parseJson(file, text) : parseYaml(file, text);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: invalid JSON (${message})`, { file, cause: error });
  }
}

function parseYaml(file: string, text: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  const first = document.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const reason = first.message.split('\n')[0];
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: invalid YAML (${reason})`, { file, cause: first });
  }
  return document.toJS() ?? {};
}

/** Validates with a zod schema; the error names the file, the field path and what was expected. */
export function parseWithSchema<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
  value: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(`${file}: ${formatZodIssues(result.error)}`, { file, cause: result.error });
}
