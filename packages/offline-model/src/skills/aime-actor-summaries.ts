import type { ActorConversation, ObservedCall } from './aime-actor-conversation';
import { clipText, summariseFile } from './aime-file-summaries';

/** Directories and files of a `list_dir` observation (`[dir] apps/`, `[file] README.md (2 KB)`), top level only. */
export function parseListing(output: string): { directories: string[]; files: string[]; path: string } {
  const path = /^Directory (\S+)/.exec(output)?.[1] ?? '.';
  const directories: string[] = [];
  const files: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^\[(dir|file|link)\] ([^\s/]+)\/?/.exec(line);
    if (!match?.[2]) continue;
    if (match[1] === 'dir') directories.push(match[2]);
    else files.push(match[2]);
  }
  return { directories, files, path };
}

const DEPENDENCY_DIRECTORIES = new Set(['node_modules', 'vendor', '.venv', 'venv', '__pycache__']);

export function describeListing(listing: ReturnType<typeof parseListing>): string {
  const where = listing.path === '.' ? 'The workspace root' : `Directory ${listing.path}`;
  const dependencies = listing.directories.filter((name) => DEPENDENCY_DIRECTORIES.has(name));
  const own = listing.directories.filter((name) => !DEPENDENCY_DIRECTORIES.has(name));
  const directories = own.map((name) => `${name}/`);
  const parts = [
    `${where} contains ${own.length} director${own.length === 1 ? 'y' : 'ies'}` +
      `${directories.length > 0 ? ` (${directories.join(', ')})` : ''}` +
      `${dependencies.length > 0 ? ` besides installed dependencies (${dependencies.map((name) => `${name}/`).join(', ')})` : ''}`,
    `${listing.files.length} file${listing.files.length === 1 ? '' : 's'}${listing.files.length > 0 ? ` (${listing.files.slice(0, 12).join(', ')}${listing.files.length > 12 ? ', …' : ''})` : ''}`,
  ];
  return `${parts.join(' and ')}.`;
}

/** A summary of everything the actor observed, in call order. */
export function summariseObservations(calls: ObservedCall[]): string[] {
  const parts: string[] = [];
  for (const call of calls) {
    if (!call.ok || call.name === 'update_progress') continue;
    if (call.name === 'list_dir') parts.push(describeListing(parseListing(call.output)));
    else if (call.name === 'read_file') parts.push(summariseFile(String(call.args.path ?? 'the file'), call.output));
    else if (call.name === 'write_file') parts.push(`${call.output.split('\n')[0]}.`);
    else if (call.name === 'search_files' || call.name === 'web_search') {
      const hits = call.output.split('\n').filter((line) => line.trim()).length;
      parts.push(
        `${call.name} for "${String(call.args.query ?? '')}" returned ${hits} line(s): ${clip(call.output.replace(/\s+/g, ' '), 300)}`,
      );
    } else parts.push(`${call.name}: ${clip(call.output.replace(/\s+/g, ' '), 200)}`);
  }
  return parts;
}

const STEP_RULES: Array<{ folder: RegExp; present: string; absent?: string }> = [
  {
    folder: /^(tests?|__tests__|spec)$/,
    present: 'Run the test suite in {name}/ and keep it green before changing code',
    absent: 'Add automated tests (no tests/ folder was found at the top level)',
  },
  {
    folder: /^docs?$/,
    present: 'Review {name}/ and fill gaps in the user-facing documentation',
    absent: 'Start a docs/ folder for user-facing documentation',
  },
  {
    folder: /^packages$/,
    present: 'Read the packages in packages/ and their public entry points (index files) to learn the core APIs',
  },
  { folder: /^apps$/, present: 'Try the applications in apps/ end to end (CLI, server, dashboard as present)' },
  {
    folder: /^config$/,
    present: 'Check the settings in config/ and adapt them to your environment (model endpoint, tools)',
  },
  { folder: /^src$/, present: 'Read the source in src/ starting from its entry point' },
  { folder: /^(scripts|bin)$/, present: 'Look at {name}/ for the build and maintenance commands' },
  { folder: /^(e2e|bench)$/, present: 'Run the checks in {name}/ to see end-to-end behaviour and performance' },
];

/** Concrete next steps grounded in the folders and files named in earlier results. */
export function proposeNextSteps(conversation: ActorConversation): string {
  const text = [
    ...conversation.knowledge.map((entry) => entry.summary),
    ...summariseObservations(conversation.calls),
  ].join(' ');
  const folders = [
    ...new Set([...text.matchAll(/(?:^|[\s(,])([\w-]+)\/(?=[\s,)]|$)/g)].map((match) => match[1] ?? '')),
  ].filter((name) => name && !DEPENDENCY_DIRECTORIES.has(name));
  const steps: string[] = [];
  for (const rule of STEP_RULES) {
    const name = folders.find((folder) => rule.folder.test(folder));
    if (name) steps.push(rule.present.replace('{name}', name));
    else if (rule.absent && folders.length > 0) steps.push(rule.absent);
  }
  if (/README/i.test(text)) steps.push('Keep README.md in step with the layout described above');
  if (steps.length === 0) {
    return 'No earlier result names folders or files, so no grounded next steps can be proposed; list the workspace first.';
  }
  const basis =
    folders.length > 0
      ? `the folders found earlier (${folders
          .slice(0, 10)
          .map((folder) => `${folder}/`)
          .join(', ')})`
      : 'earlier results';
  return `Proposed next steps, based on ${basis}: ${steps
    .slice(0, 6)
    .map((step, index) => `${index + 1}. ${step}.`)
    .join(' ')}`;
}

export const clip = clipText;
