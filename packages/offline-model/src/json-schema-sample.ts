import { keywords, mentionedPath, summarise } from './request-text';

type JsonSchema = Record<string, unknown>;

export interface SampleHints {
  /** The request text the values are derived from (deterministically). */
  text: string;
}

interface SampleContext {
  root: JsonSchema;
  hints: SampleHints;
  depth: number;
}

const MAX_DEPTH = 12;

/**
 * Builds a value that satisfies a JSON Schema (the subset structured output uses: objects,
 * required properties, strings with length/format/enum, numbers with bounds, arrays, `anyOf`,
 * `oneOf`, `allOf`, `$ref` into `$defs`/`definitions`, `const`, nullable type lists). Strings are
 * filled from the request text so the answer stays related to what was asked.
 */
export function sampleFromSchema(schema: JsonSchema, hints: SampleHints): unknown {
  return sample(schema, '', { root: schema, hints, depth: 0 });
}

function sample(schema: JsonSchema, key: string, context: SampleContext): unknown {
  const resolved = resolve(schema, context);
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0];
  if (resolved.default !== undefined) return resolved.default;
  const variants = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) {
    const preferred = variants.find((variant) => resolve(variant, context).type !== 'null') ?? variants[0]!;
    return sample(preferred, key, deeper(context));
  }
  switch (schemaType(resolved)) {
    case 'object':
      return sampleObject(resolved, context);
    case 'array':
      return sampleArray(resolved, key, context);
    case 'integer':
      return sampleNumber(resolved, true);
    case 'number':
      return sampleNumber(resolved, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(resolved, key, context.hints);
  }
}

function resolve(schema: JsonSchema, context: SampleContext): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 16; hops++) {
    const target = lookupReference(current.$ref as string, context.root);
    if (!target) break;
    const { $ref: _reference, ...rest } = current;
    current = { ...target, ...rest };
  }
  if (Array.isArray(current.allOf)) {
    const { allOf, ...rest } = current;
    current = (allOf as JsonSchema[]).reduce<JsonSchema>(
      (merged, part) => mergeSchemas(merged, resolve(part, context)),
      rest,
    );
  }
  return current;
}

function lookupReference(reference: string, root: JsonSchema): JsonSchema | undefined {
  if (reference === '#') return root;
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of reference.slice(2).split('/')) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}

function mergeSchemas(left: JsonSchema, right: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...left, ...right };
  if (left.properties || right.properties) {
    merged.properties = { ...(left.properties as object), ...(right.properties as object) };
  }
  if (left.required || right.required) {
    merged.required = [...new Set([...((left.required as string[]) ?? []), ...((right.required as string[]) ?? [])])];
  }
  return merged;
}

function schemaType(schema: JsonSchema): string {
  const type = schema.type;
  if (Array.isArray(type)) return (type.find((entry) => entry !== 'null') as string | undefined) ?? 'null';
  if (typeof type === 'string') return type;
  if (schema.properties || schema.additionalProperties || schema.required) return 'object';
  if (schema.items || schema.prefixItems) return 'array';
  return 'string';
}

function deeper(context: SampleContext): SampleContext {
  return { ...context, depth: context.depth + 1 };
}

function sampleObject(schema: JsonSchema, context: SampleContext): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const tooDeep = context.depth >= MAX_DEPTH;
  const result: Record<string, unknown> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (tooDeep && !required.has(name)) continue;
    result[name] = sample(propertySchema, name, deeper(context));
  }
  for (const name of required) {
    if (!(name in result)) result[name] = sampleString({}, name, context.hints);
  }
  return result;
}

function sampleArray(schema: JsonSchema, key: string, context: SampleContext): unknown[] {
  const prefix = (schema.prefixItems as JsonSchema[] | undefined) ?? [];
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const wanted = context.depth >= MAX_DEPTH ? minItems : Math.max(minItems, prefix.length, 1);
  const count = Math.min(wanted, maxItems);
  const itemSchema = (schema.items && typeof schema.items === 'object' ? schema.items : {}) as JsonSchema;
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const value = sample(prefix[index] ?? itemSchema, key, deeper(context));
    items.push(schema.uniqueItems && index > 0 ? distinct(value, index) : value);
  }
  return items;
}

function distinct(value: unknown, index: number): unknown {
  if (typeof value === 'string') return `${value} ${index + 1}`;
  if (typeof value === 'number') return value + index;
  return value;
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const minimum = numberOr(schema.minimum, schema.exclusiveMinimum, 1);
  const maximum = numberOr(schema.maximum, schema.exclusiveMaximum, -1);
  let value = 1;
  if (minimum !== undefined && value < minimum) value = minimum;
  if (maximum !== undefined && value > maximum) value = maximum;
  if (integer) {
    value = Math.ceil(value);
    if (maximum !== undefined && value > maximum) value = Math.floor(maximum);
  }
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (step) {
    value = Math.ceil(value / step) * step;
    if (maximum !== undefined && value > maximum) value = Math.floor(maximum / step) * step;
  }
  return value;
}

/** The inclusive bound, or the exclusive bound nudged inwards by a small step in `direction`. */
function numberOr(inclusive: unknown, exclusive: unknown, direction: 1 | -1): number | undefined {
  if (typeof exclusive === 'number') {
    const step = Math.min(1, Math.max(Math.abs(exclusive) * 1e-6, 1e-6));
    const nudged = exclusive + direction * step;
    return typeof inclusive === 'number'
      ? direction > 0
        ? Math.max(inclusive, nudged)
        : Math.min(inclusive, nudged)
      : nudged;
  }
  return typeof inclusive === 'number' ? inclusive : undefined;
}

const FORMAT_VALUES: Record<string, string> = {
  'date-time': '2025-01-01T00:00:00.000Z',
  date: '2025-01-01',
  time: '00:00:00',
  email: 'offline@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  hostname: 'localhost',
};

function sampleString(schema: JsonSchema, key: string, hints: SampleHints): string {
  const format = typeof schema.format === 'string' ? FORMAT_VALUES[schema.format] : undefined;
  const candidates = [format, ...stringsForKey(key, hints)].filter((entry): entry is string => entry !== undefined);
  const pattern = typeof schema.pattern === 'string' ? safeRegExp(schema.pattern) : undefined;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  for (const candidate of [...candidates, 'offline', 'a', '0', 'A']) {
    const fitted = fitLength(candidate, minLength, maxLength);
    if (!pattern || pattern.test(fitted)) return fitted;
  }
  return fitLength(candidates[0] ?? 'offline', minLength, maxLength);
}

function stringsForKey(key: string, hints: SampleHints): string[] {
  const name = key.toLowerCase();
  const summary = summarise(hints.text) || 'offline answer';
  if (/path|file|dir|folder/.test(name)) return [mentionedPath(hints.text) ?? '.'];
  if (/url|link|href/.test(name)) return ['https://example.com/'];
  if (/query|pattern|search|keyword|term/.test(name)) return [keywords(hints.text).join(' ') || 'offline'];
  if (/^(id|name|title|label|key|slug)$|_id$|Id$/.test(key) || /name|title/.test(name)) {
    return [keywords(hints.text, 4).join('-') || 'offline'];
  }
  return [summary];
}

function fitLength(value: string, minLength: number, maxLength: number): string {
  let fitted = value;
  while (fitted.length < minLength) fitted += fitted.length > 0 ? ` ${value}` : 'x';
  return fitted.length > maxLength ? fitted.slice(0, maxLength) : fitted;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
