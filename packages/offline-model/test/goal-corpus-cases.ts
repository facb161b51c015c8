export interface CorpusCase {
  goal: string;
  status: 'completed' | 'failed';
  /** Facts the final answer must contain. */
  answer: string[];
  /** Tool calls (tool + arguments) the run must have made. */
  calls?: Array<{ tool: string; args: Record<string, unknown> }>;
  /** Files the run must have written, with text each must contain (taken from the file that was read). */
  files?: Record<string, string[]>;
  /** Paths the answer may name although they do not exist (the missing file of a failure message). */
  missing?: string[];
}

/**
 * Ordinary goal phrasings a new user types into `aime run` or the dashboard on the offline model,
 * each run through the real workflow in a fresh fake repository. A goal about something that does
 * not exist FAILS with a message saying what was looked for; the offline model never claims success
 * with invented content. A goal needing the internet fails saying there is no internet access.
 */
export const CORPUS: CorpusCase[] = [
  {
    goal: 'Read the README and summarise it',
    status: 'completed',
    answer: [
      'README.md ("Widget Kit") says: A small library that builds configurable widgets.',
      '[2] Summarise it: From the earlier result',
    ],
    calls: [{ tool: 'read_file', args: { path: 'README.md' } }],
  },
  { goal: 'Summarise readme', status: 'completed', answer: ['README.md ("Widget Kit")', 'Sections: Install; Usage.'] },
  {
    goal: 'What does the README say?',
    status: 'completed',
    answer: ['A small library that builds configurable widgets.'],
  },
  { goal: 'What is in README.md?', status: 'completed', answer: ['README.md ("Widget Kit")', 'Install; Usage'] },
  {
    goal: 'Find where buildWidget is defined and explain it',
    status: 'completed',
    answer: [
      'buildWidget is defined in src/index.ts (line 2)',
      'buildWidget is an exported function declared in src/index.ts at line 2. It takes (name: string) and returns Widget.',
      'Its comment says: "Builds a widget with the given name."',
      'tests/widget.test.ts (lines 1, 3)',
    ],
    calls: [{ tool: 'search_files', args: { query: 'buildWidget', maxResults: 200 } }],
  },
  {
    goal: 'Find where x is defined and explain it',
    status: 'completed',
    answer: [
      'x is defined in src/util.ts (line 3)',
      'x is an exported constant declared in src/util.ts at line 3. Its value is 1.',
    ],
  },
  {
    goal: 'What is buildWidget?',
    status: 'completed',
    answer: ['buildWidget is an exported function declared in src/index.ts at line 2.'],
  },
  {
    goal: 'Tell me about the Widget interface',
    status: 'completed',
    answer: ['Widget is an exported interface (a type contract) declared in src/index.ts at line 6.'],
  },
  { goal: 'Where is clamp defined?', status: 'completed', answer: ['clamp is defined in src/util.ts (line 2)'] },
  {
    goal: 'Which file defines the Widget interface?',
    status: 'completed',
    answer: ['Widget is defined in src/index.ts (line 6)'],
  },
  {
    goal: 'What files are in src?',
    status: 'completed',
    answer: ['Directory src contains 0 directories and 2 files (index.ts, util.ts).'],
    calls: [{ tool: 'list_dir', args: { path: 'src' } }],
  },
  {
    goal: 'List the docs folder',
    status: 'completed',
    answer: ['Directory docs contains 0 directories and 1 file (guide.md).'],
  },
  { goal: "Show me what's in the tests directory", status: 'completed', answer: ['(widget.test.ts)'] },
  {
    goal: 'List the documentation folder',
    status: 'completed',
    answer: ['There is no documentation; used docs, the closest name, instead.', 'Directory docs contains'],
  },
  {
    goal: 'Search for "TODO" in the code',
    status: 'completed',
    answer: ['1 match for "TODO" in 1 file: src/util.ts (line 1)'],
    calls: [{ tool: 'search_files', args: { query: 'TODO' } }],
  },
  {
    goal: "Find all mentions of 'widget' in docs",
    status: 'completed',
    answer: ['in 1 file: docs/guide.md (line 3)'],
    calls: [{ tool: 'search_files', args: { query: 'widget', path: 'docs' } }],
  },
  {
    goal: 'Find the installation instructions',
    status: 'completed',
    answer: ['"install" in 1 file: README.md (line 5)'],
  },
  {
    goal: 'Read docs/guide.md and write the key points to notes/guide-notes.md',
    status: 'completed',
    answer: ['notes/guide-notes.md'],
    files: { 'notes/guide-notes.md': ['This guide shows how to build a widget step by step.', 'offline model'] },
  },
  {
    goal: 'Read the README, then write a summary to notes/summary.md',
    status: 'completed',
    answer: ['notes/summary.md'],
    files: { 'notes/summary.md': ['A small library that builds configurable widgets.'] },
  },
  {
    goal: 'Write a short note about the project to notes/about.md',
    status: 'completed',
    answer: ['notes/about.md', 'built from README.md'],
    files: { 'notes/about.md': ['A small library that builds configurable widgets.'] },
  },
  {
    goal: 'Create a file hello.txt with the text hello world',
    status: 'completed',
    answer: ['Created hello.txt', 'exactly the text the task gave'],
    files: { 'hello.txt': ['hello world'] },
  },
  {
    goal: "Write 'done' to status.txt",
    status: 'completed',
    answer: ['status.txt'],
    files: { 'status.txt': ['done'] },
  },
  {
    goal: 'Save the list of files to notes/files.md',
    status: 'completed',
    answer: ['built from the workspace listing'],
    files: { 'notes/files.md': ['3 directories (docs/, src/, tests/)', 'README.md'] },
  },
  {
    goal: 'Compare README.md and docs/guide.md',
    status: 'completed',
    answer: ['Comparison of README.md and docs/guide.md.', 'Headings in both: Usage;'],
  },
  {
    goal: 'Compare the README with the guide',
    status: 'completed',
    answer: ['Comparison of README.md and docs/guide.md.'],
  },
  {
    goal: 'How many TypeScript files are there?',
    status: 'completed',
    answer: [
      'There are 3 TypeScript files (.ts, .tsx) in the workspace: src/index.ts, src/util.ts, tests/widget.test.ts.',
    ],
  },
  {
    goal: 'Count the markdown files',
    status: 'completed',
    answer: ['There are 2 Markdown files (.md) in the workspace'],
  },
  {
    goal: 'Explain the package.json',
    status: 'completed',
    answer: ['name "widget-kit", version "1.2.0"', 'test = "vitest run"', 'dependencies: zod ^4.0.0'],
  },
  {
    goal: 'Explain the docker compose file',
    status: 'completed',
    answer: ['docker-compose.yml (YAML)', 'services (app, db)'],
  },
  {
    goal: 'What does tsconfig.json configure?',
    status: 'completed',
    answer: ['compilerOptions: strict = true; target = "ES2022"'],
  },
  {
    goal: 'Explain src/util.ts',
    status: 'completed',
    answer: ['`export const x = 1` (line 3)', 'TODO: support negative ranges'],
  },
  {
    goal: 'Summarise the repository layout and propose next steps',
    status: 'completed',
    answer: [
      '3 directories (docs/, src/, tests/)',
      'A small library',
      'Proposed next steps',
      'Run the test suite in tests/',
    ],
  },
  {
    goal: 'List the files in the workspace and then propose next steps',
    status: 'completed',
    answer: ['docker-compose.yml, package.json, README.md, tsconfig.json', 'Read the source in src/'],
  },
  {
    goal: 'Read the guide, then summarise the results',
    status: 'completed',
    answer: ['This guide shows how to build a widget'],
  },
  {
    goal: 'Give me an overview of this repo',
    status: 'completed',
    answer: ['3 directories (docs/, src/, tests/)', 'README.md ("Widget Kit")'],
  },
  { goal: 'Open package.json', status: 'completed', answer: ['package.json (JSON) — name "widget-kit"'] },
  {
    goal: 'Find usages of clamp',
    status: 'completed',
    answer: ['clamp is defined in src/util.ts (line 2)', 'Other mentions in 1 file: src/index.ts (line 3).'],
  },
  {
    goal: 'Read README.md, then read docs/guide.md and compare them',
    status: 'completed',
    answer: ['[3] Compare them: Comparison of README.md and docs/guide.md.', 'Headings in both: Usage;'],
  },
  {
    goal: 'List all markdown files',
    status: 'completed',
    answer: ['There are 2 Markdown files (.md) in the workspace: README.md, docs/guide.md.'],
  },
  {
    goal: 'Read missing.md',
    status: 'failed',
    answer: ['Not found: missing.md does not exist in the workspace', 'invents nothing'],
    missing: ['missing.md'],
  },
  {
    goal: 'Read missing.md and summarise it',
    status: 'failed',
    answer: ['missing.md does not exist', 'Summarise it — not run'],
    missing: ['missing.md'],
  },
  {
    goal: 'Search the web for the latest TypeScript release notes',
    status: 'failed',
    answer: [
      'No internet access: web_search is offline here, so the web was not searched for "latest TypeScript release notes"',
    ],
  },
  {
    goal: 'What files are in lib?',
    status: 'failed',
    answer: ['Not found: the folder lib does not exist in the workspace'],
  },
  {
    goal: 'Compose a sonnet about autumn',
    status: 'failed',
    answer: ['The offline model has no rule for', 'configure a model (docs/models.md)'],
    missing: ['docs/models.md'],
  },
  {
    goal: 'Which file is the largest?',
    status: 'failed',
    answer: ['cannot answer a "largest" question', 'configure a model (docs/models.md)'],
    missing: ['docs/models.md'],
  },
  {
    goal: 'Which folder has the most TypeScript files?',
    status: 'completed',
    answer: ['src is the folder with the most TypeScript files (.ts, .tsx): 2.', 'src 2, tests 1'],
  },
  {
    goal: 'Translate README.md into French',
    status: 'failed',
    answer: ['cannot translate; the offline model cannot do this; configure a model (docs/models.md)'],
    missing: ['docs/models.md'],
  },
];
