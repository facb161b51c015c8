import type { JudgeCheck } from '../../protocol/judge-verdict';
import { askedAnswerCheck } from './asked-answer-check';
import type { CheckInput } from './check-input';
import { readBeforeFactsCheck } from './read-before-facts-check';
import { referencesExistCheck } from './references-exist-check';
import { writtenFileCheck } from './written-file-check';

/** The deterministic checks that apply to an answer, in a fixed order. */
export async function runChecks(input: CheckInput): Promise<JudgeCheck[]> {
  const results = [
    await referencesExistCheck(input),
    await writtenFileCheck(input),
    await readBeforeFactsCheck(input),
    askedAnswerCheck(input),
  ];
  return results.filter((check): check is JudgeCheck => check !== undefined);
}
