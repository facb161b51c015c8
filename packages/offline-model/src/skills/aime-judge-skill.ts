import type { OfflineSkill } from '../offline-skill';
import { judgeOffline } from './aime-judge-rules';
import { cleanTaskTitle } from './aime-task-terms';

/**
 * The offline model as AIME's Judge (recognised by the request metadata's role). It answers the
 * judge's `aime_verdict` JSON from what the request carries — what was asked, the answer, the
 * tool calls with their observations and arguments — by rules that recompute what they can (the
 * count find_files walked, the package with the most files, the sections of a written guide) and
 * fail what the offline model cannot do. Deterministic; it never reads the prompt's wording.
 */
export const aimeJudgeSkill: OfflineSkill = {
  name: 'aime-judge',
  handles: (request) => request.metadata?.role === 'judge',
  respond(request) {
    const metadata = request.metadata;
    if (metadata?.role !== 'judge') throw new TypeError('not a judge request (metadata.role is not "judge")');
    const verdict = judgeOffline({
      scope: metadata.scope,
      request: metadata.task ? cleanTaskTitle(metadata.task.title) : metadata.request,
      answer: metadata.answer,
      toolCalls: metadata.toolCalls,
    });
    return {
      reasoning: `Offline judge (rule-based): ${verdict.verdict} for the ${metadata.scope}.`,
      content: JSON.stringify(verdict),
    };
  },
};
