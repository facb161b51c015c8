import { canonicalJson } from '../../../planner/loop-detector';
import type { OfflineReply, OfflineSkill } from '../offline-skill';
import { type ActorConversation, isActorRequest, readActorConversation } from './aime-actor-conversation';
import { clip, parseListing, proposeNextSteps, summariseObservations } from './aime-actor-summaries';

interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

const LISTING_WORDS =
  /\b(layout|structure|repositor(?:y|ies)|folders?|director(?:y|ies)|tree|codebase|project|overview|workspace|files)\b/i;
const SUMMARY_WORDS = /\b(summar(?:ise|ize|y)|describe|overview|explain|layout|about)\b/i;
const WRITE_WORDS = /\b(write|save|create|store|record|put|export)\b/i;
const PROPOSE_WORDS = /\b(propose|suggest|recommend|next steps?|plan|ideas?|improvements?)\b/i;
const SEARCH_WORDS = /\b(search|find|locate|grep|look (?:for|up))\b/i;
const PATH_PATTERN = /(?:^|[\s"'`(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8})(?=$|[\s"'`),;:])/g;

/**
 * The offline model as a Dynamic Actor (recognised by the `finish` tool in the request). It picks
 * tools from the task wording and the paths it sees — list_dir for layout/structure/repository,
 * read_file for files named in the task or found by an earlier listing, write_file when the task
 * says to write or save to a path (content from earlier results), search_files to find things —
 * then finishes with a summary written from its real observations. Deterministic and honest.
 */
export const aimeActorSkill: OfflineSkill = {
  name: 'aime-actor',
  handles: isActorRequest,
  respond(request) {
    const conversation = readActorConversation(request);
    const next = nextCalls(conversation);
    if (conversation.reactText) return asText(conversation, next);
    if (next.length > 0) {
      return {
        reasoning: `Offline actor (rule-based): ${next.map((call) => call.name).join(' + ')} for "${conversation.title}".`,
        toolCalls: next.map((call) => ({ name: call.name, arguments: call.arguments })),
      };
    }
    return finish(conversation);
  },
};

/** The text protocol allows one action per reply: the first planned tool call, else finish. */
function asText(conversation: ActorConversation, next: PlannedCall[]): OfflineReply {
  const call = next.find((candidate) => candidate.name !== 'update_progress') ?? finish(conversation).toolCalls?.[0];
  const name = call?.name ?? 'finish';
  const thought =
    name === 'finish'
      ? 'Offline actor (rule-based): every planned tool call is done; reporting what was observed.'
      : `Offline actor (rule-based): ${name} for "${conversation.title}".`;
  return { content: `Thought: ${thought}\nAction: ${name}\nAction Input: ${JSON.stringify(call?.arguments ?? {})}` };
}

function nextCalls(conversation: ActorConversation): PlannedCall[] {
  const done = new Set(conversation.calls.map((call) => `${call.name} ${canonicalJson(call.args)}`));
  const available = new Set(conversation.tools);
  const wanted = plannedCalls(conversation).filter(
    (call) => available.has(call.name) && !done.has(`${call.name} ${canonicalJson(call.arguments)}`),
  );
  const first = wanted[0];
  if (!first) return [];
  if (conversation.calls.length === 0 && available.has('update_progress')) {
    return [
      { name: 'update_progress', arguments: { status: 'in_progress', message: `Starting: ${conversation.title}` } },
      first,
    ];
  }
  return [first];
}

/** Every call the task needs, in order; calls already made are skipped by the caller. */
function plannedCalls(conversation: ActorConversation): PlannedCall[] {
  const title = conversation.title;
  const calls: PlannedCall[] = [];
  const writeTarget = WRITE_WORDS.test(title) ? targetPath(title) : undefined;
  const mentioned = mentionedPaths(title).filter((path) => path !== writeTarget);
  const proposing = PROPOSE_WORDS.test(title) && !LISTING_WORDS.test(title.replace(/next steps?/i, ''));
  const query = SEARCH_WORDS.test(title) && mentioned.length === 0 && !writeTarget ? searchQuery(title) : undefined;
  if (query) calls.push({ name: 'search_files', arguments: { query } });
  else if (LISTING_WORDS.test(title) && !proposing && mentioned.length === 0) {
    calls.push({ name: 'list_dir', arguments: { path: directoryIn(title) ?? '.' } });
    if (SUMMARY_WORDS.test(title)) {
      for (const call of conversation.calls) {
        if (call.name !== 'list_dir' || !call.ok) continue;
        const listing = parseListing(call.output);
        const readme = listing.files.find((file) => /^readme(\.md|\.txt|\.rst)?$/i.test(file));
        if (readme) calls.push({ name: 'read_file', arguments: { path: joinPath(listing.path, readme) } });
      }
    }
  }
  for (const path of mentioned) calls.push({ name: 'read_file', arguments: { path } });
  if (writeTarget) {
    calls.push({
      name: 'write_file',
      arguments: { path: writeTarget, content: composeDocument(conversation, writeTarget) },
    });
  }
  return calls;
}

function finish(conversation: ActorConversation): OfflineReply {
  const observations = summariseObservations(conversation.calls);
  const failures = conversation.calls.filter((call) => !call.ok);
  const parts = [...observations];
  if (PROPOSE_WORDS.test(conversation.title)) parts.push(proposeNextSteps(conversation));
  let status: 'complete' | 'failed' = 'complete';
  let summary = parts.join(' ');
  if (parts.length === 0) {
    status = 'failed';
    summary =
      failures.length > 0
        ? `Could not do "${conversation.title}": ${failures.map((call) => call.output.replace(/^Error:\s*/, '')).join(' | ')}`
        : `The offline model found no tool that fits "${conversation.title}" and has no earlier result to build on.`;
  } else if (failures.length > 0) {
    summary += ` (Failed calls: ${failures.map((call) => `${call.name}: ${clip(call.output.replace(/^Error:\s*/, ''), 160)}`).join(' | ')})`;
  }
  const wantedWrite = WRITE_WORDS.test(conversation.title) && targetPath(conversation.title);
  if (wantedWrite && !conversation.calls.some((call) => call.name === 'write_file' && call.ok)) status = 'failed';
  return {
    reasoning: 'Offline actor (rule-based): every planned tool call is done; reporting what was observed.',
    toolCalls: [{ name: 'finish', arguments: { status, summary, references: references(conversation) } }],
  };
}

function references(conversation: ActorConversation): string[] {
  const paths = conversation.calls
    .filter((call) => call.ok && typeof call.args.path === 'string')
    .map((call) => String(call.args.path));
  return [...new Set(paths)];
}

/** The document write_file saves: earlier results and this actor's observations, labelled as offline output. */
function composeDocument(conversation: ActorConversation, path: string): string {
  const sections: string[] = [`# ${documentTitle(conversation.title, path)}`, ''];
  const observed = summariseObservations(conversation.calls.filter((call) => call.name !== 'write_file'));
  if (conversation.knowledge.length === 0 && observed.length === 0) {
    sections.push('No earlier task produced a result to write down.');
  }
  for (const entry of conversation.knowledge) sections.push(`## ${entry.title}`, '', entry.summary, '');
  for (const text of observed) sections.push(text, '');
  if (PROPOSE_WORDS.test(conversation.title)) sections.push('## Next steps', '', proposeNextSteps(conversation), '');
  sections.push(
    `_Written by the offline model (deterministic, rule-based) for the goal: ${conversation.goal || conversation.title}_`,
    '',
  );
  return sections.join('\n');
}

function documentTitle(title: string, path: string): string {
  const what = /\b(summary|report|notes?|overview|plan|list)\b/i.exec(title)?.[1];
  const name = path.split('/').pop() ?? path;
  return what ? `${what.charAt(0).toUpperCase()}${what.slice(1)} (${name})` : name;
}

function mentionedPaths(text: string): string[] {
  return [
    ...new Set([...text.matchAll(PATH_PATTERN)].map((match) => (match[1] ?? '').replace(/^\.\//, '')).filter(Boolean)),
  ];
}

/** The path after "to", "into", "in" or "as" (or the last path) in a write instruction. */
function targetPath(title: string): string | undefined {
  const explicit = /\b(?:to|into|in|as|at)\s+[`"']?((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8})/i.exec(
    title,
  )?.[1];
  return (explicit ?? mentionedPaths(title).at(-1))?.replace(/^\.\//, '');
}

const NOT_A_FOLDER_NAME = new Set(
  'the this that a an its root top top-level whole current main project repository repo workspace source code which what each every'.split(
    ' ',
  ),
);

/** The directory a task names: a path with slashes and no extension, `docs/`, or "the docs folder". */
export function directoryIn(title: string): string | undefined {
  const pathLike = /(?:^|[\s"'`(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\/?)(?=$|[\s"'`),;:?!]|\.(?:\s|$))/g;
  for (const match of title.matchAll(pathLike)) {
    const candidate = match[1] ?? '';
    if (!candidate.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(candidate)) continue;
    const cleaned = candidate.replace(/^\.\//, '').replace(/\/$/, '');
    if (cleaned && cleaned !== '.') return cleaned;
  }
  const named = /\b([\w.-]+)\s+(?:folder|directory|dir)\b/i.exec(title)?.[1];
  if (named && !NOT_A_FOLDER_NAME.has(named.toLowerCase())) return named;
  return undefined;
}

function joinPath(directory: string, file: string): string {
  return directory === '.' || directory === '' ? file : `${directory.replace(/\/$/, '')}/${file}`;
}

function searchQuery(title: string): string | undefined {
  const quoted = /["'`]([^"'`]{2,80})["'`]/.exec(title)?.[1];
  if (quoted) return quoted;
  const after = /\b(?:search|find|locate|grep|look for|look up)\s+(?:for\s+)?(?:the\s+|all\s+|any\s+)?(.+)$/i.exec(
    title,
  )?.[1];
  return (
    after
      ?.replace(/\b(in|within|across)\s+(the\s+)?(workspace|repository|repo|files|project|codebase)\b.*$/i, '')
      .trim()
      .slice(0, 80) || undefined
  );
}
