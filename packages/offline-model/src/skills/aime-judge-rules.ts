import type { ActorStep } from '@gepa-aime/core';
import { isContributingGuide } from './aime-contributing';
import { parseFoundFiles } from './aime-found-files';
import { targetPath } from './aime-path-resolution';
import { CANNOT_DO, COUNT_WORDS, RANK_WORDS, unsupportedAction, WRITE_WORDS } from './aime-task-terms';

/** What the offline judge reads from a judge request's metadata. */
export interface JudgeCase {
  scope: 'task' | 'goal';
  /** The task with its completion criteria, or the goal. */
  request: string;
  answer: string;
  toolCalls: ActorStep[];
}

export interface OfflineVerdict {
  score: number;
  verdict: 'pass' | 'partial' | 'fail';
  feedback: string;
}

type Rule = (judged: JudgeCase) => OfflineVerdict | undefined;

/**
 * The offline judge's rules, asked in order; the first that applies decides. Each recomputes what
 * it can from the evidence (find_files counts, the written file's content) instead of trusting the
 * answer, and says concretely what is missing.
 */
const RULES: Rule[] = [cannotDoRule, rankRule, countRule, contributingRule];

export function judgeOffline(judged: JudgeCase): OfflineVerdict {
  for (const rule of RULES) {
    const verdict = rule(judged);
    if (verdict) return verdict;
  }
  return backedByEvidence(judged);
}

const fail = (feedback: string, score = 0): OfflineVerdict => ({ score, verdict: 'fail', feedback });

/** A request the offline model cannot carry out, or an answer admitting it had no rule for it. */
function cannotDoRule(judged: JudgeCase): OfflineVerdict | undefined {
  // An MCP tool (`<bundle>__<tool>`) that answered may well have done it (run, convert …).
  const byTool = judged.toolCalls.some((call) => call.ok && call.tool.includes('__'));
  const action = byTool ? undefined : unsupportedAction(judged.request);
  if (action) return fail(`The request needs someone to ${action}, which a rule-based model cannot: ${CANNOT_DO}.`);
  if (/\bhas no rule for\b|\bcannot do this\b/i.test(judged.answer)) {
    return fail(`The answer says the offline model has no rule for this request: ${CANNOT_DO}.`);
  }
  return undefined;
}

/** "How many …": the number must be one find_files counted; a listing samples, it does not count. */
function countRule(judged: JudgeCase): OfflineVerdict | undefined {
  if (!COUNT_WORDS.test(judged.request)) return undefined;
  const counts = walks(judged);
  if (counts.length === 0) {
    const listed = judged.toolCalls.some((call) => call.tool === 'list_dir' && call.ok);
    return fail(
      listed
        ? 'The number comes from a folder listing, which only shows the levels it lists; walk the workspace with find_files (glob for the asked file type) and report its count.'
        : 'Nothing was counted: no find_files walk backs the number; walk the workspace with find_files and report its count.',
    );
  }
  const numbers = new Set((judged.answer.match(/\b\d+\b/g) ?? []).map(Number));
  const matching = counts.find((found) => numbers.has(found.count));
  if (!matching) {
    return fail(
      `The answer's number is not one find_files counted (${counts.map((found) => found.count).join(', ')}); report the walked count and what it counted.`,
      0.1,
    );
  }
  if (matching.atLeast) {
    return {
      score: 0.5,
      verdict: 'partial',
      feedback: `find_files stopped at its file limit, so ${matching.count} is a lower bound; count sub-folders and add them up.`,
    };
  }
  return {
    score: 1,
    verdict: 'pass',
    feedback: `The count ${matching.count} is what find_files found walking ${matching.path}${matching.glob ? ` (glob "${matching.glob}")` : ''}, and the answer says what was not counted.`,
  };
}

/** "Which … has the most …": the candidates must have been counted and the answer must name the top one with counts. */
function rankRule(judged: JudgeCase): OfflineVerdict | undefined {
  if (!RANK_WORDS.test(judged.request)) return undefined;
  const fewest = /\b(?:fewest|least|smallest|fewer)\b/i.test(judged.request);
  const counted = walks(judged);
  const perPath = counted
    .filter((found) => found.path !== '.' && found.glob !== '**/package.json')
    .map((found) => ({ name: found.path, count: found.count }));
  // One walk of a folder counts its sub-folders too ("By folder: docs/ 15, apps/ 4").
  const candidates =
    perPath.length > 0
      ? perPath
      : (counted.at(-1)?.folders ?? [])
          .filter((entry) => entry.folder !== '(top level)')
          .map((entry) => ({ name: entry.folder.replace(/\/$/, ''), count: entry.count }));
  if (candidates.length < 2) {
    const listing =
      /^Directory |\[dir\]/m.test(judged.answer) || judged.toolCalls.every((call) => call.tool !== 'find_files');
    return fail(
      `${listing ? 'The answer is a listing, not a choice: ' : ''}fewer than two candidates were counted (${candidates.length}); count the files of each candidate (find_files with each package folder as path, or one walk whose per-folder counts compare the folders) and name the one with the ${fewest ? 'fewest' : 'most'}, with the counts.`,
    );
  }
  const best = candidates.reduce((top, candidate) =>
    fewest ? (candidate.count < top.count ? candidate : top) : candidate.count > top.count ? candidate : top,
  );
  if (!judged.answer.includes(best.name)) {
    return fail(
      `The counts say ${best.name} has the ${fewest ? 'fewest' : 'most'} (${best.count}), but the answer does not name it.`,
      0.1,
    );
  }
  if (!judged.answer.includes(String(best.count))) {
    return {
      score: 0.6,
      verdict: 'partial',
      feedback: `The answer names ${best.name} but not its count (${best.count}); give the counts it compared.`,
    };
  }
  return {
    score: 1,
    verdict: 'pass',
    feedback: `${best.name} has the ${fewest ? 'fewest' : 'most'} (${best.count}) of ${candidates.length} counted candidates, as the answer says.`,
  };
}

const GUIDE_SECTIONS: Array<{ topic: string; pattern: RegExp; fix: string }> = [
  {
    topic: 'setup',
    pattern: /setup|set up|install|getting started|prerequisites|requirements/i,
    fix: 'the install command and requirements (package.json, the README quick start)',
  },
  { topic: 'tests', pattern: /\btests?\b|testing/i, fix: 'the test scripts from package.json' },
  {
    topic: 'commits',
    pattern: /commit|pull request|\bPRs?\b|before you push/i,
    fix: 'what to run before committing (lint/format scripts) and how to submit changes',
  },
];

/** A contributing guide must have been written in this task, hold setup, test and commit sections, and be re-read. */
function contributingRule(judged: JudgeCase): OfflineVerdict | undefined {
  if (!WRITE_WORDS.test(judged.request)) return undefined;
  const target = targetPath(judged.request);
  if (!isContributingGuide(target)) return undefined;
  const write = judged.toolCalls
    .filter((call) => call.tool === 'write_file' && call.ok && call.arguments.path === target)
    .at(-1);
  if (!write) return fail(`${target} was not written: write it with write_file.`);
  const content = String(write.arguments.content ?? '');
  const headings = [...content.matchAll(/^#{2,3}\s+(.+)$/gm)].map((match) => match[1] ?? '');
  const missing = GUIDE_SECTIONS.filter((section) => !headings.some((heading) => section.pattern.test(heading)));
  if (missing.length > 0) {
    return fail(
      `${target} has no section on ${missing.map((section) => section.topic).join(', ')}; add ${missing.map((section) => section.fix).join('; ')}.`,
      missing.length === GUIDE_SECTIONS.length ? 0 : 0.2,
    );
  }
  const index = judged.toolCalls.indexOf(write);
  const reread = judged.toolCalls
    .slice(index + 1)
    .some((call) => call.tool === 'read_file' && call.ok && call.arguments.path === target);
  if (!reread) {
    return {
      score: 0.6,
      verdict: 'partial',
      feedback: `${target} has setup, test and commit sections but was not re-read after writing; read it back to confirm it is in place.`,
    };
  }
  return {
    score: 1,
    verdict: 'pass',
    feedback: `${target} was written with sections ${headings.join(', ')} and re-read.`,
  };
}

/** No rule applies: a pass, scored down for tool calls that failed along the way. */
function backedByEvidence(judged: JudgeCase): OfflineVerdict {
  const failed = judged.toolCalls.filter((call) => !call.ok).length;
  const succeeded = judged.toolCalls.length - failed;
  const tools = [...new Set(judged.toolCalls.filter((call) => call.ok).map((call) => call.tool))];
  const basis =
    succeeded > 0
      ? `backed by ${succeeded} successful tool call${succeeded === 1 ? '' : 's'} (${tools.join(', ')})`
      : 'built from earlier results without a tool call of its own';
  const failures = failed > 0 ? `; ${failed} tool call${failed === 1 ? '' : 's'} failed along the way` : '';
  return {
    score: Math.max(0.7, Number((1 - 0.1 * failed - (succeeded === 0 ? 0.1 : 0)).toFixed(2))),
    verdict: 'pass',
    feedback: `The offline judge's rules found nothing missing: the answer is ${basis}${failures}.`,
  };
}

function walks(judged: JudgeCase) {
  return judged.toolCalls
    .filter((call) => call.tool === 'find_files' && call.ok)
    .map((call) => parseFoundFiles(call.observation))
    .filter((found) => found !== undefined);
}
