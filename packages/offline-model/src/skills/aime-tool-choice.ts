import type { ActorConversation } from './aime-actor-conversation';
import { isContributingGuide, planContributing } from './aime-contributing';
import { canWalk, planCount, planRank } from './aime-count-plan';
import {
  closestFile,
  DISCOVERY_LISTING,
  directoryIn,
  explicitPaths,
  type ListingEntry,
  matchEntries,
  nameCandidates,
  parseListingTree,
  targetPath,
} from './aime-path-resolution';
import { planSearch, withoutScope } from './aime-search-plan';
import { findCall, type PlannedCall, type TaskIntent, type TaskPlan } from './aime-task-plan';
import {
  CODE_NOUNS,
  COMPARE_WORDS,
  COUNT_WORDS,
  DEFINITION_WORDS,
  fileTypeIn,
  identifiersIn,
  LAYOUT_WORDS,
  LIST_WORDS,
  literalContent,
  PROPOSE_WORDS,
  quotedStrings,
  RANK_WORDS,
  READ_WORDS,
  refersBack,
  SEARCH_WORDS,
  SUMMARY_WORDS,
  searchTerms,
  unsupportedAction,
  WEB_WORDS,
  WRITE_WORDS,
} from './aime-task-terms';

/** Which kind of task the title is, from its wording, paths and whether earlier results exist. */
export function classifyTask(title: string, hasKnowledge: boolean): TaskIntent {
  const paths = explicitPaths(title);
  if (unsupportedAction(title)) return 'unsupported';
  if (WEB_WORDS.test(title)) return 'web';
  if (WRITE_WORDS.test(title) && targetPath(title)) return 'write';
  if (refersBack(title) && COMPARE_WORDS.test(title) && hasKnowledge) return 'compare';
  if (refersBack(title) && paths.length === 0) {
    if (hasKnowledge) return 'recall';
    if (nameCandidates(title).length === 0) return 'unknown';
  }
  if (RANK_WORDS.test(title)) return 'rank';
  if (COUNT_WORDS.test(title)) return 'count';
  if (LIST_WORDS.test(title) && fileTypeIn(title).label !== 'files' && !directoryIn(title) && paths.length === 0) {
    return 'count';
  }
  if (COMPARE_WORDS.test(title)) return 'compare';
  if (CODE_NOUNS.test(title) && paths.length === 0 && identifiersIn(title).length > 0) return 'search';
  if (
    (SEARCH_WORDS.test(title) || DEFINITION_WORDS.test(title)) &&
    (paths.length === 0 || quotedStrings(title).length > 0)
  ) {
    if (searchTerms(withoutScope(title)).length > 0) return 'search';
  }
  if (PROPOSE_WORDS.test(title)) return 'propose';
  if (paths.length > 0) return 'read';
  if (directoryIn(title) && (LIST_WORDS.test(title) || LAYOUT_WORDS.test(title))) return 'list';
  if (LAYOUT_WORDS.test(title)) return 'layout';
  if (READ_WORDS.test(title)) return 'read';
  return hasKnowledge ? 'recall' : 'unknown';
}

/** Every call the task needs, in order, given what was already observed; calls already made are skipped by the caller. */
export function planTask(conversation: ActorConversation): TaskPlan {
  const title = conversation.title;
  const intent = classifyTask(title, conversation.knowledge.length > 0);
  const plan: TaskPlan = { intent, calls: [] };
  switch (intent) {
    case 'web': {
      plan.calls.push({ name: 'web_search', arguments: { query: webQuery(title) } });
      return plan;
    }
    case 'write':
      return planWrite(conversation, plan);
    case 'count': {
      if (canWalk(conversation)) return planCount(conversation, plan);
      listNamed(conversation, plan, directoryIn(title), 3);
      return plan;
    }
    case 'rank': {
      if (canWalk(conversation)) return planRank(conversation, plan);
      plan.missing = 'a way to count every file (this task has no find_files tool, and a listing only samples)';
      return plan;
    }
    case 'compare': {
      const files = [...explicitPaths(title)];
      if (files.length < 2 && refersBack(title))
        files.push(...referencedFiles(conversation).filter((path) => !files.includes(path)));
      if (files.length < 2)
        files.push(...fuzzyFiles(conversation, plan, title).filter((path) => !files.includes(path)));
      for (const path of files.slice(0, 2)) readResolved(conversation, plan, path);
      if (files.length < 2 && !plan.missing && discoveryOf(conversation)) {
        plan.missing = `two files to compare in "${title}" (found ${files.length === 0 ? 'none' : files.join(', ')})`;
      }
      return plan;
    }
    case 'search':
      return planSearch(conversation, plan, { definition: CODE_NOUNS.test(title) });
    case 'propose': {
      if (conversation.knowledge.length === 0) plan.calls.push({ name: 'list_dir', arguments: { path: '.' } });
      return plan;
    }
    case 'read':
      return planRead(conversation, plan);
    case 'list': {
      listNamed(conversation, plan, directoryIn(title));
      return plan;
    }
    case 'layout':
      return planLayout(conversation, plan);
    default:
      return plan;
  }
}

function planLayout(conversation: ActorConversation, plan: TaskPlan): TaskPlan {
  plan.calls.push({ name: 'list_dir', arguments: { path: '.' } });
  if (!SUMMARY_WORDS.test(conversation.title)) return plan;
  const readme = readmeIn(conversation);
  if (readme) plan.calls.push({ name: 'read_file', arguments: { path: readme } });
  return plan;
}

/** The README found by the root listing (`list_dir .`), once that listing was made. */
function readmeIn(conversation: ActorConversation): string | undefined {
  const listing = conversation.calls.find(
    (call) => call.name === 'list_dir' && call.ok && call.args.path === '.' && call.args.depth === undefined,
  );
  if (!listing) return undefined;
  return parseListingTree(listing.output).entries.find(
    (entry) => entry.kind !== 'dir' && /^readme(\.md|\.txt|\.rst)?$/i.test(entry.path),
  )?.path;
}

function planRead(conversation: ActorConversation, plan: TaskPlan): TaskPlan {
  const title = conversation.title;
  const paths = explicitPaths(title);
  if (paths.length > 0) {
    for (const path of paths) readResolved(conversation, plan, path);
    return plan;
  }
  const files = fuzzyFiles(conversation, plan, title);
  const entries = discoveryOf(conversation);
  if (files[0]) plan.calls.push({ name: 'read_file', arguments: { path: files[0] } });
  else if (entries) {
    const directory = matchEntries(title, entries, 'dir')[0];
    if (directory) plan.calls.push({ name: 'list_dir', arguments: { path: directory } });
    else if (searchTerms(title).length > 0) {
      plan.intent = 'search';
      return planSearch(conversation, plan, { definition: true });
    } else plan.missing = `a file or folder matching "${title}" (the workspace listing has none with that name)`;
  }
  return plan;
}

function planWrite(conversation: ActorConversation, plan: TaskPlan): TaskPlan {
  const title = conversation.title;
  const target = targetPath(title) ?? '';
  plan.target = target;
  if (isContributingGuide(target)) return planContributing(conversation, plan, target);
  if (literalContent(title) !== undefined) {
    plan.calls.push({ name: 'write_file', arguments: { path: target } });
    return plan;
  }
  const sources = explicitPaths(title).filter((path) => path !== target);
  for (const path of sources) readResolved(conversation, plan, path);
  const layout = LAYOUT_WORDS.test(title.replace(target, ' '));
  if (sources.length === 0 && conversation.knowledge.length === 0 && layout) {
    plan.calls.push({ name: 'list_dir', arguments: { path: '.' } });
    const listingOnly = /\b(files|folders?|director(?:y|ies)|tree)\b/i.test(title);
    const readme = listingOnly ? undefined : readmeIn(conversation);
    if (readme) plan.calls.push({ name: 'read_file', arguments: { path: readme } });
  } else if (sources.length === 0 && conversation.knowledge.length === 0) {
    const named = fuzzyFiles(conversation, plan, title.replace(target, ' ')).filter((path) => path !== target);
    const entries = discoveryOf(conversation);
    const readme = entries?.find((entry) => entry.kind !== 'dir' && /^readme(\.md|\.txt|\.rst)?$/i.test(entry.path));
    const source = named[0] ?? readme?.path;
    if (source) plan.calls.push({ name: 'read_file', arguments: { path: source } });
  }
  if (plan.missing || !allDone(conversation, plan.calls)) return plan;
  plan.calls.push({ name: 'write_file', arguments: { path: target } });
  return plan;
}

/** Files (paths with an extension) the earlier results are based on, dependencies first. */
function referencedFiles(conversation: ActorConversation): string[] {
  const paths = conversation.knowledge
    .flatMap((entry) => entry.references)
    .filter((path) => /\.[A-Za-z0-9]{1,8}$/.test(path));
  return [...new Set(paths)].sort((left, right) => order(conversation, left) - order(conversation, right));
}

/** Earlier tasks in checklist order (the knowledge lists dependencies first). */
function order(conversation: ActorConversation, path: string): number {
  const entry = conversation.knowledge.find((candidate) => candidate.references.includes(path));
  return Number.parseFloat(entry?.id ?? '0') || 0;
}

/** The listing of the whole workspace (three levels) if it was made, as entries. */
export function discoveryOf(conversation: ActorConversation): ListingEntry[] | undefined {
  const call = findCall(conversation, 'list_dir', { ...DISCOVERY_LISTING });
  return call?.ok ? parseListingTree(call.output).entries : undefined;
}

/** Files the title names by (part of) their name, found in the discovery listing — which is planned first when missing. */
function fuzzyFiles(conversation: ActorConversation, plan: TaskPlan, title: string): string[] {
  const entries = discoveryOf(conversation);
  if (!entries) {
    plan.calls.push({ name: 'list_dir', arguments: { ...DISCOVERY_LISTING } });
    return [];
  }
  return matchEntries(title, entries, 'file');
}

/** Reads `path`; when it does not exist, lists the workspace and reads the file whose name matches, else records it missing. */
function readResolved(conversation: ActorConversation, plan: TaskPlan, path: string): void {
  plan.calls.push({ name: 'read_file', arguments: { path } });
  const attempt = findCall(conversation, 'read_file', { path });
  if (!attempt || attempt.ok || !isNotFound(attempt.output)) return;
  const entries = discoveryOf(conversation);
  if (!entries) {
    plan.calls.push({ name: 'list_dir', arguments: { ...DISCOVERY_LISTING } });
    return;
  }
  const closest = closestFile(path, entries);
  if (closest && closest !== path) plan.calls.push({ name: 'read_file', arguments: { path: closest } });
  else plan.missing = `${path} does not exist in the workspace${nearbyNote(entries)}`;
}

/**
 * Lists the folder the title names (`depth` levels), or the root when it names none. A named folder
 * that does not exist is looked up by name in the workspace listing ("test" → tests/); when nothing
 * matches, the plan records it as missing.
 */
function listNamed(conversation: ActorConversation, plan: TaskPlan, named: string | undefined, depth?: number): void {
  const withDepth = (path: string) => ({ path, ...(depth ? { depth } : {}) });
  plan.calls.push({ name: 'list_dir', arguments: withDepth(named ?? '.') });
  if (!named) return;
  const attempt = findCall(conversation, 'list_dir', withDepth(named));
  if (!attempt || attempt.ok || !isNotFound(attempt.output)) return;
  const entries = discoveryOf(conversation);
  if (!entries) {
    plan.calls.push({ name: 'list_dir', arguments: { ...DISCOVERY_LISTING } });
    return;
  }
  const match = matchEntries(named, entries, 'dir')[0];
  if (match) plan.calls.push({ name: 'list_dir', arguments: withDepth(match) });
  else plan.missing = `the folder ${named} does not exist in the workspace${nearbyNote(entries)}`;
}

function nearbyNote(entries: ListingEntry[]): string {
  const top = entries
    .filter((entry) => !entry.path.includes('/'))
    .map((entry) => (entry.kind === 'dir' ? `${entry.path}/` : entry.path));
  return top.length > 0
    ? ` (its top level has: ${top.slice(0, 12).join(', ')}${top.length > 12 ? ', …' : ''})`
    : ' (it is empty)';
}

function isNotFound(output: string): boolean {
  return /No such file or directory|not_found|does not exist/i.test(output);
}

function webQuery(title: string): string {
  const after = /\b(?:for|about|on)\s+(.+)$/i.exec(title.replace(WEB_WORDS, ' '))?.[1];
  const query = (after ?? title)
    .replace(/\b(?:search|look up|find|on|in|the|web|internet|online)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (query || title).slice(0, 200);
}

function allDone(conversation: ActorConversation, calls: PlannedCall[]): boolean {
  return calls.every((call) => findCall(conversation, call.name, call.arguments));
}
