import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';

const options = { strict: false, allErrors: true, logger: false } as const;
let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;

/** Ajv for the schema's draft: draft-04/06/07 schemas get the draft-07 validator, the rest 2020-12 (MCP's default). */
function validatorFor(schema: Record<string, unknown>): Ajv | Ajv2020 {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[4-7]/.test(declared)) {
    draft07 ??= addFormats(new Ajv(options));
    return draft07;
  }
  draft2020 ??= addFormats(new Ajv2020(options));
  return draft2020;
}

/**
 * A zod schema that validates arguments against a JSON schema (an MCP tool's `inputSchema`) with
 * ajv, so executeToolCall reports violations like any other tool's: field path and reason. A
 * schema ajv cannot compile still requires an object (the server validates the rest).
 */
export function jsonSchemaParameters(inputSchema: Record<string, unknown>): z.ZodType<Record<string, unknown>> {
  const validate = compile(inputSchema);
  return z.record(z.string(), z.unknown()).superRefine((value, context) => {
    if (!validate || validate(value)) return;
    for (const error of validate.errors ?? []) {
      context.addIssue({ code: 'custom', path: issuePath(error), message: describe(error) });
    }
  });
}

function compile(inputSchema: Record<string, unknown>): ValidateFunction | undefined {
  const { $schema: _declared, $id: _id, ...schema } = inputSchema;
  try {
    return validatorFor(inputSchema).compile(schema);
  } catch {
    return undefined;
  }
}

function issuePath(error: ErrorObject): string[] {
  const path = error.instancePath.split('/').slice(1).map(unescapePointer);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'required') return 'required';
  if (error.keyword === 'additionalProperties') return 'unknown property';
  if (error.keyword === 'enum') return `${error.message}: ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? error.keyword;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
