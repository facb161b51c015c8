import type { ActorConversation } from './aime-actor-conversation';
import { type FoundFiles, parseFoundFiles } from './aime-found-files';
import { directoryIn } from './aime-path-resolution';
import { findCall, type PlannedCall, type TaskPlan } from './aime-task-plan';
import { fileTypeIn, PACKAGE_WORDS } from './aime-task-terms';

/** Paths an answer names (the rest are counted, not named). */
const PATHS_NAMED = 20;
/** Most candidates a ranking counts one by one. */
const MAX_CANDIDATES = 30;
const PACKAGE_MANIFESTS = { path: '.', glob: '**/package.json', maxResults: 200 } as const;
const PACKAGE_NAMES = { query: '"name"', glob: 'package.json', maxResults: 200 } as const;

/** Whether counting can walk the workspace (find_files is offered) rather than sample a listing. */
export function canWalk(conversation: ActorConversation): boolean {
  return conversation.tools.includes('find_files');
}

/** "How many X files": one find_files walk of the folder the title names (else the root) with the type's glob. */
export function planCount(conversation: ActorConversation, plan: TaskPlan): TaskPlan {
  const type = fileTypeIn(conversation.title);
  const path = directoryIn(conversation.title) ?? '.';
  const call: PlannedCall = {
    name: 'find_files',
    arguments: { path, ...(type.glob ? { glob: type.glob } : {}), maxResults: PATHS_NAMED },
  };
  plan.calls.push(call);
  const attempt = findCall(conversation, call.name, call.arguments);
  if (attempt && !attempt.ok && /not_found|No such file|does not exist/i.test(attempt.output)) {
    plan.missing = `the folder ${path} does not exist in the workspace`;
  }
  return plan;
}

/** The count answer from the find_files walk: the number, what was counted and skipped, per folder, the first paths. */
export function answerCount(conversation: ActorConversation): string | undefined {
  const found = walks(conversation).at(-1);
  if (!found) return undefined;
  const type = fileTypeIn(conversation.title);
  const label = found.count === 1 ? type.label.replace(/\bfiles\b/, 'file') : type.label;
  const where = found.path === '.' ? 'the workspace' : `${found.path}/`;
  const named =
    found.count === 0
      ? ''
      : found.count <= found.paths.length
        ? `: ${found.paths.join(', ')}`
        : ` (the first ${found.paths.length}: ${found.paths.join(', ')}, …)`;
  const folders = found.folders.length > 1 ? ` By folder: ${describeFolders(found)}.` : '';
  const bound = found.atLeast ? ' The walk stopped at its file limit, so this is a lower bound.' : '';
  return (
    `There ${found.count === 1 ? 'is' : 'are'} ${found.atLeast ? 'at least ' : ''}${found.count} ${label} in ${where}${named}.` +
    ` (Counted by walking every folder with find_files${found.glob ? `, glob "${found.glob}"` : ''}; not counted: ${found.notCounted}.)` +
    `${folders}${bound}`
  );
}

/**
 * "Which package has the most source files": finds the packages (folders with a package.json,
 * the root excluded) and their names, then counts the files of each with one find_files walk per
 * package, all in one step. Without the word package, the folders of one walk are the candidates.
 */
export function planRank(conversation: ActorConversation, plan: TaskPlan): TaskPlan {
  const type = fileTypeIn(conversation.title);
  const glob = type.glob ? { glob: type.glob } : {};
  if (!PACKAGE_WORDS.test(conversation.title)) {
    plan.calls.push({ name: 'find_files', arguments: { path: directoryIn(conversation.title) ?? '.', ...glob } });
    return plan;
  }
  plan.calls.push({ name: 'find_files', arguments: { ...PACKAGE_MANIFESTS } });
  const manifests = findCall(conversation, 'find_files', { ...PACKAGE_MANIFESTS });
  if (!manifests?.ok) return plan;
  const all = packageFolders(parseFoundFiles(manifests.output));
  // "Which app …": the packages under apps/ when there are several to compare.
  const apps = /\bapps?\b/i.test(conversation.title) ? all.filter((folder) => /^apps?\//.test(folder)) : [];
  const packages = apps.length > 1 ? apps : all;
  if (packages.length === 0) {
    plan.missing = 'a package below the workspace root (no package.json outside the root, node_modules and dist)';
    return plan;
  }
  plan.batch = true;
  if (conversation.tools.includes('search_files'))
    plan.calls.push({ name: 'search_files', arguments: { ...PACKAGE_NAMES } });
  for (const folder of packages.slice(0, MAX_CANDIDATES)) {
    plan.calls.push({ name: 'find_files', arguments: { path: folder, ...glob, maxResults: 0 } });
  }
  return plan;
}

/** The ranking answer: the winner with its count, then every candidate's count, and what was counted. */
export function answerRank(conversation: ActorConversation): string | undefined {
  const title = conversation.title;
  const type = fileTypeIn(title);
  const fewest = /\b(?:fewest|least|smallest|fewer)\b/i.test(title);
  const counted = walks(conversation);
  const perPackage = counted.filter((found) => found.glob !== PACKAGE_MANIFESTS.glob && found.path !== '.');
  const candidates =
    perPackage.length > 0
      ? perPackage.map((found) => ({ name: found.path, count: found.count }))
      : (counted.at(-1)?.folders ?? [])
          .filter((entry) => entry.folder !== '(top level)')
          .map((entry) => ({ name: entry.folder.replace(/\/$/, ''), count: entry.count }));
  if (candidates.length === 0) return undefined;
  const names = packageNames(conversation);
  const label = (name: string) => (names.get(name) ? `${name} (${names.get(name)})` : name);
  const sorted = [...candidates].sort(
    (left, right) =>
      (fewest ? left.count - right.count : right.count - left.count) || (left.name < right.name ? -1 : 1),
  );
  const best = sorted[0] as { name: string; count: number };
  const tied = sorted.filter((candidate) => candidate.count === best.count);
  const kind = perPackage.length > 0 ? 'package' : 'folder';
  const winner =
    tied.length > 1
      ? `${tied.map((candidate) => label(candidate.name)).join(' and ')} tie for the ${fewest ? 'fewest' : 'most'} ${type.label}: ${best.count} each.`
      : `${label(best.name)} is the ${kind} with the ${fewest ? 'fewest' : 'most'} ${type.label}: ${best.count}.`;
  const skipped = counted[0]?.notCounted ?? '';
  const what =
    perPackage.length > 0
      ? `Counts per package (the folders holding a package.json, each walked with find_files${type.glob ? `, glob "${type.glob}"` : ''})`
      : `Counts per top-level folder (one find_files walk${type.glob ? `, glob "${type.glob}"` : ''})`;
  return `${winner} ${what}: ${sorted.map((candidate) => `${candidate.name} ${candidate.count}`).join(', ')}. Not counted: ${skipped}.`;
}

/** Every successful find_files walk of the task, parsed. */
function walks(conversation: ActorConversation): FoundFiles[] {
  return conversation.calls
    .filter((call) => call.name === 'find_files' && call.ok)
    .map((call) => parseFoundFiles(call.output))
    .filter((found): found is FoundFiles => found !== undefined);
}

/** Folders holding a package.json, the root and folders nested in another package left out. */
function packageFolders(found: FoundFiles | undefined): string[] {
  const folders = (found?.paths ?? [])
    .map((path) => path.replace(/\/?package\.json$/, ''))
    .filter((folder) => folder !== '')
    .sort();
  return folders.filter((folder) => !folders.some((other) => other !== folder && folder.startsWith(`${other}/`)));
}

/** Package folder → its "name" from package.json, read from the search_files hits. */
function packageNames(conversation: ActorConversation): Map<string, string> {
  const names = new Map<string, string>();
  const search = findCall(conversation, 'search_files', { ...PACKAGE_NAMES });
  for (const match of (search?.ok ? search.output : '').matchAll(/^(.+)\/package\.json:\d+:\s*"name":\s*"([^"]+)"/gm)) {
    const folder = match[1] ?? '';
    if (!names.has(folder)) names.set(folder, match[2] ?? '');
  }
  return names;
}

function describeFolders(found: FoundFiles): string {
  return found.folders.map((entry) => `${entry.folder} ${entry.count}`).join(', ');
}
