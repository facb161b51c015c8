import type { ToolBundles } from '../../config/tool-bundles';
import {
  loadWebSearchSettings,
  type WebSearchSettings,
  webSearchSettingsSchema,
} from '../../config/web-search-settings';
import { formatZodIssues } from '../../errors/format-zod-issues';
import { findFilesTool } from '../builtin/find-files';
import { listDirTool } from '../builtin/list-dir';
import { readFileTool } from '../builtin/read-file';
import { searchFilesTool } from '../builtin/search-files';
import { updateProgressTool } from '../builtin/update-progress';
import { createWebSearchTool } from '../builtin/web-search';
import { writeFileTool } from '../builtin/write-file';
import { ToolError } from '../tool-error';
import { createOfflineSearchBackend } from '../web-search/offline-search-backend';
import { createSearxngSearchBackend } from '../web-search/searxng-search-backend';
import type { WebSearchBackend } from '../web-search/web-search-backend';
import { builtinNameForImplementation } from './implementation-names';
import { ToolRegistry } from './tool-registry';

export interface BuiltinRegistryOptions {
  /** Bundles from tool_bundles.json: `options` of the web_search entry choose its backend. */
  toolBundles?: ToolBundles;
  /** Overrides everything else: web_search settings or a ready backend. */
  webSearch?: WebSearchSettings | WebSearchBackend;
  /** Environment for AIME_SEARCH_URL / AIME_SEARCH_BACKEND (read by config/); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * A registry with read_file, list_dir, write_file, search_files, find_files, web_search and update_progress.
 * web_search's backend: `webSearch`, else the environment, else the options in tool_bundles.json, else offline.
 */
export function createBuiltinRegistry(options: BuiltinRegistryOptions = {}): ToolRegistry {
  return new ToolRegistry([
    readFileTool,
    listDirTool,
    writeFileTool,
    searchFilesTool,
    findFilesTool,
    createWebSearchTool(webSearchBackend(options)),
    updateProgressTool,
  ]);
}

function webSearchBackend(options: BuiltinRegistryOptions): WebSearchBackend {
  const chosen =
    options.webSearch ?? loadWebSearchSettings(options.env) ?? webSearchOptionsFromBundles(options.toolBundles);
  if (chosen === undefined) return createOfflineSearchBackend();
  if ('search' in chosen) return chosen;
  if (chosen.backend === 'searxng' && chosen.url) {
    return createSearxngSearchBackend({ url: chosen.url, timeoutMs: chosen.timeoutMs });
  }
  return createOfflineSearchBackend();
}

function webSearchOptionsFromBundles(toolBundles: ToolBundles | undefined): WebSearchSettings | undefined {
  for (const bundle of Object.values(toolBundles ?? {})) {
    for (const spec of bundle.tools) {
      const isWebSearch =
        spec.name === 'web_search' ||
        (spec.implementation && builtinNameForImplementation(spec.implementation) === 'web_search');
      if (!isWebSearch || !spec.options) continue;
      const parsed = webSearchSettingsSchema.safeParse(spec.options);
      if (!parsed.success) {
        const problems = formatZodIssues(parsed.error, 'options');
        throw new ToolError(
          'tool_options_invalid',
          `tool_bundles.json: web_search options in bundle "${bundle.name}": ${problems}`,
        );
      }
      return parsed.data;
    }
  }
  return undefined;
}
