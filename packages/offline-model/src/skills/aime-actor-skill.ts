import { canonicalJson } from '@gepa-aime/core';
import type { OfflineReply, OfflineSkill } from '../offline-skill';
import { type ActorConversation, isActorRequest, readActorConversation } from './aime-actor-conversation';
import { proposeNextSteps, summariseObservations } from './aime-actor-summaries';
import { composeContributing, isContributingGuide } from './aime-contributing';
import { planMCPTask } from './aime-mcp-choice';
import { answerTask } from './aime-task-answer';
import type { PlannedCall, TaskPlan } from './aime-task-plan';
import { literalContent, PROPOSE_WORDS } from './aime-task-terms';
import { planTask } from './aime-tool-choice';

/**
 * The offline model as a Dynamic Actor (recognised by the `finish` tool in the request). It reads
 * the task's wording (aime-task-terms), resolves the files and folders it names against the real
 * workspace (aime-path-resolution), picks tools (aime-tool-choice) — list_dir, read_file,
 * search_files, write_file, web_search, or an MCP tool the task names (aime-mcp-choice) — and finishes with a summary written from its real
 * observations and earlier results (aime-task-answer). A follow-up such as "explain it" is answered
 * from earlier results without a tool. Deterministic; it fails honestly when something is missing.
 */
export const aimeActorSkill: OfflineSkill = {
  name: 'aime-actor',
  handles: isActorRequest,
  respond(request) {
    const conversation = readActorConversation(request);
    const plan = planMCPTask(conversation, request.tools ?? []) ?? planTask(conversation);
    const next = nextCalls(conversation, plan);
    if (conversation.reactText) return asText(conversation, plan, next);
    if (next.length > 0) {
      return {
        reasoning: `Offline actor (rule-based, ${plan.intent} task): ${next.map((call) => call.name).join(' + ')} for "${conversation.title}".`,
        toolCalls: next.map((call) => ({ name: call.name, arguments: call.arguments })),
      };
    }
    return finish(conversation, plan);
  },
};

/** The text protocol allows one action per reply: the first planned tool call, else finish. */
function asText(conversation: ActorConversation, plan: TaskPlan, next: PlannedCall[]): OfflineReply {
  const call =
    next.find((candidate) => candidate.name !== 'update_progress') ?? finish(conversation, plan).toolCalls?.[0];
  const name = call?.name ?? 'finish';
  const thought =
    name === 'finish'
      ? 'Offline actor (rule-based): every planned tool call is done; reporting what was observed.'
      : `Offline actor (rule-based, ${plan.intent} task): ${name} for "${conversation.title}".`;
  return { content: `Thought: ${thought}\nAction: ${name}\nAction Input: ${JSON.stringify(call?.arguments ?? {})}` };
}

function nextCalls(conversation: ActorConversation, plan: TaskPlan): PlannedCall[] {
  const done = new Set(conversation.calls.map((call) => `${call.name} ${canonicalJson(call.args)}`));
  const available = new Set(conversation.tools);
  const wanted = plan.calls
    .map((call) => (call.name === 'write_file' ? withContent(conversation, call) : call))
    .filter((call) => available.has(call.name) && !done.has(`${call.name} ${canonicalJson(call.arguments)}`));
  const first = wanted[0];
  if (!first) return [];
  const calls = plan.batch ? wanted : [first];
  if (conversation.calls.length === 0 && available.has('update_progress')) {
    return [
      { name: 'update_progress', arguments: { status: 'in_progress', message: `Starting: ${conversation.title}` } },
      ...calls,
    ];
  }
  return calls;
}

function withContent(conversation: ActorConversation, call: PlannedCall): PlannedCall {
  const path = String(call.arguments.path ?? '');
  const content = isContributingGuide(path) ? composeContributing(conversation) : composeDocument(conversation, path);
  return { name: 'write_file', arguments: { path, content } };
}

function finish(conversation: ActorConversation, plan: TaskPlan): OfflineReply {
  const answer = answerTask(conversation, plan);
  return {
    reasoning: 'Offline actor (rule-based): every planned tool call is done; reporting what was observed.',
    toolCalls: [{ name: 'finish', arguments: { ...answer, references: references(conversation) } }],
  };
}

function references(conversation: ActorConversation): string[] {
  const paths = conversation.calls
    .filter((call) => call.ok && typeof call.args.path === 'string')
    .map((call) => String(call.args.path));
  const found = conversation.calls
    .filter((call) => call.ok && call.name === 'search_files')
    .flatMap((call) => [...call.output.matchAll(/^(.+?):\d+: /gm)].map((match) => match[1] ?? ''));
  return [...new Set([...paths, ...found])].filter(Boolean).slice(0, 20);
}

/** The document write_file saves: the exact text the task gives, else earlier results and this actor's observations, labelled as offline output. */
function composeDocument(conversation: ActorConversation, path: string): string {
  const literal = literalContent(conversation.title);
  if (literal !== undefined) return `${literal}\n`;
  const sections: string[] = [`# ${documentTitle(conversation.title, path)}`, ''];
  const observed = summariseObservations(
    conversation.calls.filter(
      (call) => call.name !== 'write_file' && !(call.name === 'list_dir' && call.args.depth !== undefined),
    ),
  );
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
  const what = /\b(summary|report|notes?|overview|plan|list|key points)\b/i.exec(title)?.[1];
  const name = path.split('/').pop() ?? path;
  return what ? `${what.charAt(0).toUpperCase()}${what.slice(1)} (${name})` : name;
}
