import type { ActorConversation, ObservedCall } from './aime-actor-conversation';
import { clip, describeListing, parseListing, proposeNextSteps, summariseObservations } from './aime-actor-summaries';
import { isContributingGuide } from './aime-contributing';
import { answerCount, answerRank } from './aime-count-plan';
import { compareFiles, explainDeclaration, explainFromKnowledge, summariseCount } from './aime-knowledge-answers';
import { answerMCPTask } from './aime-mcp-choice';
import { DISCOVERY_LISTING, parseListingTree } from './aime-path-resolution';
import { definitionHit } from './aime-search-plan';
import type { TaskPlan } from './aime-task-plan';
import {
  CANNOT_DO,
  fileTypeIn,
  literalContent,
  PROPOSE_WORDS,
  refersBack,
  searchTerms,
  unsupportedAction,
} from './aime-task-terms';

export interface TaskAnswer {
  status: 'complete' | 'failed';
  summary: string;
}

/** The actor's final report for the task, built only from its observations and the earlier results it was given. */
export function answerTask(conversation: ActorConversation, plan: TaskPlan): TaskAnswer {
  if (plan.missing) {
    return {
      status: 'failed',
      summary: `Not found: ${plan.missing}. The offline model reports only what is in the workspace and invents nothing.`,
    };
  }
  const answer = answerFor(conversation, plan);
  const substitutes = substitutions(conversation);
  if (answer.status === 'complete' && substitutes.length > 0)
    answer.summary = `${substitutes.join(' ')} ${answer.summary}`;
  const unresolved = conversation.calls.filter((call) => !call.ok && !resolvedLater(conversation, call));
  if (answer.status === 'complete' && unresolved.length > 0) {
    answer.summary += ` (Failed calls: ${unresolved.map((call) => `${call.name}: ${clip(call.output.replace(/^Error:\s*/, ''), 160)}`).join(' | ')})`;
  }
  answer.summary = answer.summary.replace(/\s*\n\s*/g, ' ');
  return answer;
}

function answerFor(conversation: ActorConversation, plan: TaskPlan): TaskAnswer {
  const title = conversation.title;
  const calls = conversation.calls;
  switch (plan.intent) {
    case 'tool':
      return answerMCPTask(conversation, plan);
    case 'unsupported':
      return {
        status: 'failed',
        summary:
          `Cannot do "${title}": the offline model is rule-based — it lists, reads, counts, searches and compares ` +
          `workspace files and writes notes from what it read, but cannot ${unsupportedAction(title) ?? 'do that'}; ${CANNOT_DO}.`,
      };
    case 'web':
      return answerWeb(conversation);
    case 'write': {
      const write = calls.find((call) => call.name === 'write_file' && call.ok);
      if (!write) return failure(conversation, `Could not write ${plan.target ?? 'the file'}`);
      const sources = calls
        .filter((call) => call.name === 'read_file' && call.ok)
        .map((call) => String(call.args.path));
      const basis = [...conversation.knowledge.map((entry) => `[${entry.id}] ${entry.title}`), ...sources];
      if (calls.some((call) => call.name === 'list_dir' && call.ok && call.args.depth === undefined)) {
        basis.push('the workspace listing');
      }
      if (isContributingGuide(plan.target)) return answerContributing(conversation, write);
      if (literalContent(title) !== undefined) {
        return {
          status: 'complete',
          summary: `${write.output.split('\n')[0]}, holding exactly the text the task gave.`,
        };
      }
      return {
        status: 'complete',
        summary: `${write.output.split('\n')[0]}: a document built from ${basis.length > 0 ? basis.join(', ') : 'no earlier result'}.`,
      };
    }
    case 'recall':
      return { status: 'complete', summary: explainFromKnowledge(title, conversation.knowledge) };
    case 'count': {
      const walked = answerCount(conversation);
      if (walked) return { status: 'complete', summary: walked };
      const listing = calls.filter((call) => call.name === 'list_dir' && call.ok).at(-1);
      if (!listing) return failure(conversation, `Could not count the files for "${title}"`);
      const counted = summariseCount(parseListingTree(listing.output), fileTypeIn(title));
      // A listing that did not reach every folder is a sample, not a count.
      if (/Counted from a three-level listing/.test(counted))
        return { status: 'failed', summary: `Not counted: ${counted}` };
      return { status: 'complete', summary: counted };
    }
    case 'rank': {
      const ranked = answerRank(conversation);
      return ranked
        ? { status: 'complete', summary: ranked }
        : failure(conversation, `Could not count the candidates for "${title}"`);
    }
    case 'compare': {
      const reads = calls.filter((call) => call.name === 'read_file' && call.ok);
      const [first, second] = reads;
      if (!first || !second) return failure(conversation, `Could not read two files to compare for "${title}"`);
      return { status: 'complete', summary: compareFiles(first, second) };
    }
    case 'search': {
      const answer = answerSearch(conversation);
      const explanation = /\b(explain|describe|what|tell)\b/i.test(title)
        ? explainDeclaration(answer.summary)
        : undefined;
      if (answer.status === 'complete' && explanation) answer.summary = `${explanation} ${answer.summary}`;
      return answer;
    }
    case 'propose':
      return { status: 'complete', summary: proposeNextSteps(conversation) };
    case 'read':
    case 'list':
    case 'layout': {
      const shown = calls.filter((call) => !isDiscovery(call) && call.ok);
      const parts = summariseObservations(shown);
      if (plan.intent === 'list') {
        const listed = shown
          .filter((call) => call.name === 'list_dir')
          .map((call) => describeListing(parseListing(call.output)));
        parts.splice(0, parts.length, ...listed);
      }
      if (PROPOSE_WORDS.test(title)) parts.push(proposeNextSteps(conversation));
      if (parts.length === 0) return failure(conversation, `Could not do "${title}"`);
      return { status: 'complete', summary: parts.join(' ') };
    }
    default:
      return {
        status: 'failed',
        summary:
          `The offline model has no rule for "${title}": it is rule-based and can list folders, read, summarise, ` +
          'explain, compare, count and search workspace files, write notes to a path and build on earlier results, ' +
          `but ${refersBack(title) ? 'there is no earlier result to refer to' : 'none of that fits this wording'}: ${CANNOT_DO}.`,
      };
  }
}

/** The written guide, its sections as re-read from the workspace (or as written when the re-read failed). */
function answerContributing(conversation: ActorConversation, write: ObservedCall): TaskAnswer {
  const path = String(write.args.path);
  const reread = conversation.calls.filter((call) => call.name === 'read_file' && call.args.path === path).at(-1);
  const text = reread?.ok ? reread.output : String(write.args.content ?? '');
  const sections = [...text.matchAll(/^##\s+(.+)$/gm)].map((match) => match[1]?.trim() ?? '');
  const sources = conversation.calls
    .filter((call) => call.name === 'read_file' && call.ok && call.args.path !== path)
    .map((call) => String(call.args.path));
  const checked = reread?.ok ? `re-read ${path} after writing` : `could not re-read ${path}`;
  return {
    status: reread?.ok ? 'complete' : 'failed',
    summary: `${write.output.split('\n')[0]}: a contributing guide with the sections ${sections.join(', ')}, drawn from ${sources.join(' and ')}; ${checked}.`,
  };
}

function answerWeb(conversation: ActorConversation): TaskAnswer {
  const call = conversation.calls.find((candidate) => candidate.name === 'web_search');
  if (!call) {
    return {
      status: 'failed',
      summary: `No internet access: this task has no web_search tool, so "${conversation.title}" cannot be answered from the web.`,
    };
  }
  const query = String(call.args.query ?? '');
  if (!call.ok) return failure(conversation, `The web search for "${query}" failed`);
  const results = call.output
    .split('\n')
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => line.replace(/^\d+\. /, ''));
  if (/^Offline search \(no internet access\)/.test(call.output)) {
    return {
      status: 'failed',
      summary:
        `No internet access: web_search is offline here, so the web was not searched for "${query}". ` +
        (results.length > 0
          ? `It looked in the workspace files instead and found ${results.length} (not web pages): ${results.slice(0, 5).join('; ')}.`
          : 'It looked in the workspace files instead and found nothing.'),
    };
  }
  return {
    status: 'complete',
    summary: `Web results for "${query}": ${results.length > 0 ? clip(results.join('; '), 600) : 'none'}.`,
  };
}

function answerSearch(conversation: ActorConversation): TaskAnswer {
  const searches = conversation.calls.filter((call) => call.name === 'search_files' && call.ok);
  if (searches.length === 0) return failure(conversation, `Could not search for "${conversation.title}"`);
  const found = searches.filter((call) => !/^No matches/.test(call.output));
  const terms = searchTerms(conversation.title);
  if (found.length === 0) {
    const tried = searches.map((call) => `"${String(call.args.query)}"`).join(', ');
    return {
      status: 'failed',
      summary: `Not found: searching the workspace files for ${tried} found no matches${searches[0]?.args.path ? ` in ${String(searches[0].args.path)}` : ''}.`,
    };
  }
  const parts: string[] = [];
  const definition = definitionHit(
    conversation.calls,
    terms.length > 0 ? terms : found.map((call) => String(call.args.query)),
  );
  if (definition) {
    parts.push(
      `${definition.term} is defined in ${definition.path} (line ${definition.line}): \`${clip(definition.text, 200)}\`.`,
    );
    const context = conversation.calls.find(
      (call) =>
        call.name === 'read_file' && call.ok && call.args.path === definition.path && call.args.offset !== undefined,
    );
    if (context) {
      const offset = Number(context.args.offset);
      const lines = context.output.split('\n').filter((line) => !/^\[truncated/.test(line));
      const comment = commentAbove(lines, definition.line - offset);
      if (comment) parts.push(`Comment above it: "${clip(comment, 200)}".`);
      parts.push(
        `Context (${definition.path} lines ${offset}-${offset + lines.length - 1}): ${clip(lines.join(' ').replace(/\s+/g, ' ').trim(), 500).replace(/([^.;}])$/, '$1.')}`,
      );
    }
  }
  for (const call of found) parts.push(describeHits(call, definition));
  return { status: 'complete', summary: parts.join(' ') };
}

/** "N matches for "q" in K files: a.ts (lines 1, 4), b.md (line 2) — first lines …" with the term matched as a word first. */
function describeHits(call: ObservedCall, definition: { path: string; line: number } | undefined): string {
  const query = String(call.args.query ?? '');
  const hits = call.output
    .split('\n')
    .map((line) => /^(.+?):(\d+): (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ path: match[1] ?? '', line: Number(match[2]), text: match[3] ?? '' }));
  const word = new RegExp(`(^|[^\\w$])${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$])`, 'i');
  const exact = hits.filter((hit) => word.test(hit.text));
  const relevant = exact.length > 0 ? exact : hits;
  const others = relevant.filter(
    (hit) => !(definition && hit.path === definition.path && hit.line === definition.line),
  );
  const byFile = new Map<string, number[]>();
  for (const hit of others) byFile.set(hit.path, [...(byFile.get(hit.path) ?? []), hit.line]);
  const files = [...byFile.entries()].map(
    ([path, lines]) =>
      `${path} (line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 8).join(', ')}${lines.length > 8 ? ', …' : ''})`,
  );
  const label = definition
    ? 'Other mentions'
    : `${relevant.length} match${relevant.length === 1 ? '' : 'es'} for "${query}"${exact.length > 0 && exact.length < hits.length ? ' as a whole word' : ''}`;
  if (files.length === 0) return definition ? 'No other mentions.' : `${label}.`;
  const sample = others.slice(0, 3).map((hit) => `${hit.path}:${hit.line}: ${clip(hit.text, 100)}`);
  return `${label} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}: ${files.slice(0, 10).join(', ')}${files.length > 10 ? ', …' : ''}. ${definition ? '' : `First: ${sample.join(' | ')}`}`.trim();
}

/** The comment lines directly above line `index` (// …, # …, or a /** … *\/ block), joined. */
function commentAbove(lines: string[], index: number): string | undefined {
  const collected: string[] = [];
  for (let at = index - 1; at >= 0; at--) {
    const line = (lines[at] ?? '').trim();
    if (!/^(\/\/|#|\/\*|\*)/.test(line)) break;
    collected.unshift(line.replace(/^(\/\*\*?|\*\/|\*|\/\/|#)\s*/, '').replace(/\s*\*\/$/, ''));
  }
  const text = collected.join(' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function failure(conversation: ActorConversation, what: string): TaskAnswer {
  const failed = conversation.calls.filter((call) => !call.ok);
  const reasons = failed.map((call) => clip(call.output.replace(/^Error:\s*/, ''), 200));
  return { status: 'failed', summary: `${what}${reasons.length > 0 ? `: ${reasons.join(' | ')}` : '.'}` };
}

/** The discovery listing is how the actor found files; it is not part of the answer. */
function isDiscovery(call: ObservedCall): boolean {
  return (
    call.name === 'list_dir' && call.args.path === DISCOVERY_LISTING.path && call.args.depth === DISCOVERY_LISTING.depth
  );
}

/** "(There is no documentation; used docs instead.)" for each missing path replaced by the closest real one. */
function substitutions(conversation: ActorConversation): string[] {
  const notes: string[] = [];
  conversation.calls.forEach((call, index) => {
    if (call.ok || !/No such file or directory/.test(call.output) || call.name === 'search_files') return;
    const later = conversation.calls
      .slice(index + 1)
      .find((other) => other.ok && other.name === call.name && !isDiscovery(other));
    if (later)
      notes.push(
        `(There is no ${String(call.args.path)}; used ${String(later.args.path)}, the closest name, instead.)`,
      );
  });
  return notes;
}

/** A failed call whose purpose a later call achieved (a missing file read under its real name, a folder found by name). */
function resolvedLater(conversation: ActorConversation, call: ObservedCall): boolean {
  if (!/No such file or directory/.test(call.output)) return false;
  const index = conversation.calls.indexOf(call);
  return conversation.calls.slice(index + 1).some((later) => later.ok && later.name === call.name);
}
