/**
 * The Python reference's `implementation` strings (`module:ClassName`) mapped to our built-ins, by
 * class name so that any module path (`src.tools.file_tools:ReadFileTool`, `tools:ReadFileTool`) works.
 */
const BUILTIN_BY_CLASS: Record<string, string> = {
  ReadFileTool: 'read_file',
  ListDirectoryTool: 'list_dir',
  ListDirTool: 'list_dir',
  WriteFileTool: 'write_file',
  SearchFilesTool: 'search_files',
  FindFilesTool: 'find_files',
  WebSearchTool: 'web_search',
  UpdateProgressTool: 'update_progress',
};

/** The built-in tool name for an implementation string, or undefined when it names no built-in. */
export function builtinNameForImplementation(implementation: string): string | undefined {
  const className = implementation.split(/[:.]/).pop()?.trim() ?? '';
  return BUILTIN_BY_CLASS[className];
}
