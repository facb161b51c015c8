import type { JudgeCheck } from '../../protocol/judge-verdict';
import { type CheckInput, successfulReads } from './check-input';

const HOW_MANY = /\bhow many\b|\bnumber of\b|\bcount (?:the|all|how)\b/i;
const NUMBER =
  /\b\d+\b|\b(?:no|none|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand)\b/i;
const WHICH = /\bwhich\b|\bwhat is the (?:largest|biggest|smallest|most|least|longest|oldest|newest)\b/i;
const NAME = /[A-Za-z_@][\w@.-]{2,}/g;

/** Words that are in every text and name nothing: an answer made of them names nothing it saw. */
const FUNCTION_WORDS = new Set(
  'the and for with has have had are was were this that these those from into onto than then there their its not but all any one can will would should could which what who whom whose how when where why most more less least many much each other some such only also been being does did per via you your our out about over under'.split(
    ' ',
  ),
);

/**
 * The names in a text, lower-cased, without the full stop or dash that ends a sentence or clause,
 * leaving out function words.
 */
function namesIn(text: string): string[] {
  return (text.match(NAME) ?? [])
    .map((name) => name.replace(/[.-]+$/, '').toLowerCase())
    .filter((name) => !FUNCTION_WORDS.has(name));
}

/**
 * A "how many" question gets a number; a "which" question names something this task actually
 * saw (a name from its observations). Not applicable to other requests.
 */
export function askedAnswerCheck(input: CheckInput): JudgeCheck | undefined {
  if (HOW_MANY.test(input.request)) {
    const passed = NUMBER.test(input.answer);
    return {
      name: 'answers-question',
      passed,
      detail: passed ? 'the answer gives a number' : 'the request asks how many, but the answer gives no number',
    };
  }
  if (!WHICH.test(input.request)) return undefined;
  const asked = new Set(namesIn(input.request));
  const observed = new Set<string>();
  for (const call of successfulReads(input)) {
    for (const name of namesIn(call.output)) if (!asked.has(name)) observed.add(name);
  }
  const named = namesIn(input.answer).find((name) => observed.has(name));
  return {
    name: 'answers-question',
    passed: named !== undefined,
    detail: named
      ? `the answer names "${named}", which the observations contain`
      : 'the request asks which one, but the answer names nothing the task observed',
  };
}
