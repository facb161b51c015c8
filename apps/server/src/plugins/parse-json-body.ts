import { BadRequestError } from '../errors/bad-request-error';

const PROTOTYPE_POLLUTION = 'prototype pollution';

interface Visit {
  value: object;
  key: string;
  parent: Visit | undefined;
}

/**
 * Parses a JSON request body like Fastify's secure parser (a leading BOM is ignored; `__proto__`
 * keys and `constructor.prototype` objects are refused), but says what was wrong: the JSON syntax
 * error, or where the forbidden key is.
 */
export function parseJsonBody(text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.length === 0) {
    throw new BadRequestError('body: empty, but the content-type is application/json (send a JSON object)', [
      { path: 'body', message: 'empty' },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'syntax error';
    throw new BadRequestError(`body: not valid JSON (${reason})`, [{ path: 'body', message: 'not valid JSON' }]);
  }
  // Only a text that spells one of the keys (or uses \u escapes) can contain it.
  if (/proto|constructor|\\u/.test(source)) {
    const problem = findForbiddenKey(value);
    if (problem) {
      throw new BadRequestError(`${problem.path}: forbidden key ${problem.key} (${PROTOTYPE_POLLUTION})`, [
        { path: problem.path, message: `forbidden key (${PROTOTYPE_POLLUTION})` },
      ]);
    }
  }
  return value;
}

/** The first `__proto__` key or `constructor.prototype` object, walked iteratively (bodies may nest deeply). */
export function findForbiddenKey(root: unknown): { path: string; key: string } | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const stack: Visit[] = [{ value: root, key: 'body', parent: undefined }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value } = visit;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (typeof item === 'object' && item !== null) stack.push({ value: item, key: String(index), parent: visit });
      });
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return { path: `${pathOf(visit)}.__proto__`, key: '__proto__' };
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, 'constructor')) {
      const constructorValue = record.constructor;
      if (
        typeof constructorValue === 'object' &&
        constructorValue !== null &&
        Object.hasOwn(constructorValue, 'prototype')
      ) {
        return { path: `${pathOf(visit)}.constructor`, key: 'constructor.prototype' };
      }
    }
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, key, parent: visit });
    }
  }
  return undefined;
}

function pathOf(visit: Visit): string {
  const parts: string[] = [];
  for (let current: Visit | undefined = visit; current !== undefined; current = current.parent) parts.push(current.key);
  return parts.reverse().join('.');
}
