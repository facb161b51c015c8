import { pathToFileURL } from 'node:url';
import type { ToolBundles, ToolSpec } from '../../config/tool-bundles';
import type { AnyTool } from '../types';
import { CustomToolError } from './custom-tool-error';
import { TOOL_NAME_PATTERN, type ToolRegistry } from './tool-registry';

/**
 * Imports every `module` named in tool_bundles.json (absolute paths, as the config loader resolves
 * them) and picks the tool for each entry: the export named by `export`, else the default export,
 * else the module itself; each may be a tool or an array of tools (matched by the entry's name).
 * Registers the tools in `registry` when given, and returns them.
 */
export async function loadCustomTools(toolBundles: ToolBundles, registry?: ToolRegistry): Promise<AnyTool[]> {
  const loaded = new Map<string, AnyTool>();
  const modules = new Map<string, Record<string, unknown>>();
  for (const bundle of Object.values(toolBundles)) {
    for (const spec of bundle.tools) {
      if (!spec.module || loaded.has(spec.name)) continue;
      let namespace = modules.get(spec.module);
      if (!namespace) {
        namespace = await importModule(spec.module);
        modules.set(spec.module, namespace);
      }
      const tool = pickTool(namespace, spec);
      loaded.set(spec.name, tool);
      if (registry) {
        if (registry.has(tool.name)) {
          throw new CustomToolError(spec.module, `tool "${tool.name}" clashes with a tool that is already registered`);
        }
        registry.register(tool);
      }
    }
  }
  return [...loaded.values()];
}

async function importModule(modulePath: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CustomToolError(modulePath, `cannot import the module: ${(error as Error).message}`, { cause: error });
  }
}

function pickTool(namespace: Record<string, unknown>, spec: ToolSpec): AnyTool {
  const modulePath = spec.module as string;
  let exported: unknown;
  if (spec.export) {
    if (!(spec.export in namespace)) throw new CustomToolError(modulePath, `has no export named "${spec.export}"`);
    exported = namespace[spec.export];
  } else {
    exported =
      namespace.default ?? Object.values(namespace).find((value) => isToolLike(value) && value.name === spec.name);
  }
  const candidates = Array.isArray(exported) ? exported : [exported];
  const match =
    candidates.find((candidate) => isToolLike(candidate) && candidate.name === spec.name) ??
    (candidates.length === 1 ? candidates[0] : undefined);
  if (match === undefined) {
    throw new CustomToolError(modulePath, `exports no tool named "${spec.name}"`);
  }
  const problems = shapeProblems(match);
  if (problems.length > 0) {
    throw new CustomToolError(modulePath, `the exported tool for "${spec.name}" is invalid: ${problems.join('; ')}`);
  }
  return match as AnyTool;
}

function isToolLike(value: unknown): value is { name: unknown } {
  return typeof value === 'object' && value !== null && 'name' in value;
}

function shapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null)
    return ['expected an object with name, description, parameters and execute'];
  const candidate = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof candidate.name !== 'string' || !TOOL_NAME_PATTERN.test(candidate.name)) {
    problems.push('name must be 1-64 letters, digits, "_" or "-"');
  }
  if (typeof candidate.description !== 'string' || candidate.description.trim() === '') {
    problems.push('description must be a non-empty string');
  }
  const parameters = candidate.parameters as { safeParse?: unknown; _zod?: unknown } | undefined;
  if (typeof parameters?.safeParse !== 'function' || parameters._zod === undefined) {
    problems.push('parameters must be a zod (v4) schema');
  }
  if (typeof candidate.execute !== 'function') problems.push('execute must be a function');
  if (candidate.timeoutMs !== undefined && (typeof candidate.timeoutMs !== 'number' || candidate.timeoutMs <= 0)) {
    problems.push('timeoutMs must be a positive number');
  }
  return problems;
}
