/** The tool call an observation answers. */
export interface ObservationSource {
  tool: string;
  rawArguments: string;
}

/** First non-blank lines an elided observation keeps. */
export const ELIDED_KEY_LINES = 5;
const KEY_LINE_CHARS = 160;
const SUBJECT_CHARS = 80;
/** Assistant text and tool arguments longer than this are shortened in older steps. */
export const LONG_TEXT_CHARS = 2_000;
const KEPT_TEXT_CHARS = 600;
const SUBJECT_KEYS = ['path', 'query', 'url', 'command', 'pattern', 'name'];
const numberFormat = new Intl.NumberFormat('en-US');

/**
 * The short stand-in for an old observation:
 * `[observation of read_file README.md elided: 12,345 chars; key lines:\n# Title\n…]`.
 * An observation already shorter than its stand-in is kept.
 */
export function elideObservation(observation: string, source: ObservationSource): string {
  if (observation.startsWith('[observation of ')) return observation;
  const subject = argumentSubject(source.rawArguments);
  const label = subject ? `${source.tool} ${subject}` : source.tool;
  const lines = keyLines(observation);
  const head = `[observation of ${label} elided: ${numberFormat.format(observation.length)} chars`;
  const elided = lines.length > 0 ? `${head}; key lines:\n${lines.join('\n')}]` : `${head}]`;
  return elided.length < observation.length ? elided : observation;
}

/** Long assistant text keeps its start (the thought, the react-text Action line). */
export function elideContent(content: string): string {
  if (content.length <= LONG_TEXT_CHARS) return content;
  return `${content.slice(0, KEPT_TEXT_CHARS)}… [${numberFormat.format(content.length - KEPT_TEXT_CHARS)} chars elided]`;
}

/** Long tool-call arguments (a whole file for write_file) become a small JSON object that says so. */
export function elideArguments(tool: string, rawArguments: string): string {
  if (rawArguments.length <= LONG_TEXT_CHARS) return rawArguments;
  const subject = argumentSubject(rawArguments);
  const elided: Record<string, string> = {};
  if (subject) elided.path = subject;
  elided.elided = `${numberFormat.format(rawArguments.length)} chars of ${tool} arguments`;
  return JSON.stringify(elided);
}

function keyLines(observation: string): string[] {
  return observation
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim().length > 0)
    .slice(0, ELIDED_KEY_LINES)
    .map((line) => (line.length > KEY_LINE_CHARS ? `${line.slice(0, KEY_LINE_CHARS)}…` : line));
}

/** What a call was about: its path (or query, url, command …), else its first string argument. */
function argumentSubject(rawArguments: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawArguments);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const key = SUBJECT_KEYS.find((candidate) => typeof record[candidate] === 'string');
  const value = key ? record[key] : Object.values(record).find((entry) => typeof entry === 'string');
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length > SUBJECT_CHARS ? `${oneLine.slice(0, SUBJECT_CHARS)}…` : oneLine;
}
