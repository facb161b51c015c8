import type { KnowledgeEntry, ObservedCall } from './aime-actor-conversation';
import { proposeNextSteps } from './aime-actor-summaries';
import { clipText, summariseFile } from './aime-file-summaries';
import type { ListingEntry } from './aime-path-resolution';
import { type FileTypeFilter, PROPOSE_WORDS } from './aime-task-terms';

/**
 * Answers that need no tool: a follow-up clause ("explain it", "summarise the results", "describe
 * them") answered from the earlier results, plus the comparison of two read files and the count
 * of a listing. Every sentence restates observed facts; nothing is made up.
 */
export function explainFromKnowledge(title: string, knowledge: KnowledgeEntry[]): string {
  if (PROPOSE_WORDS.test(title)) {
    return proposeNextSteps({
      taskId: '',
      title,
      criteria: '',
      goal: '',
      knowledge,
      calls: [],
      tools: [],
      reactText: false,
    });
  }
  const explained = knowledge.map((entry) => explainDeclaration(entry.summary)).find((text) => text !== undefined);
  const restated = knowledge.map((entry) => `[${entry.id}] ${entry.title}: ${clipText(entry.summary, 240)}`).join(' ');
  const intro = `From the earlier result${knowledge.length === 1 ? '' : 's'} (offline model, no new tool call):`;
  return explained ? `${explained} ${intro} ${restated}` : `${intro} ${restated}`;
}

/** A declaration found by an earlier search ("x is defined in src/a.ts (line 1): `export const x=1`") put into words. */
export function explainDeclaration(summary: string): string | undefined {
  const match = /(\S+) is defined in (\S+) \(line (\d+)\): `([^`]+)`/.exec(summary);
  if (!match) return undefined;
  const [, name = '', path = '', line = '', code = ''] = match;
  const exported = /\bexport\b/.test(code) ? 'an exported' : 'a';
  const keyword = /\b(function|class|interface|type|enum|const|let|var|def|func|fn|struct)\b/.exec(code)?.[1] ?? '';
  const isArrow = /=>/.test(code) || /=\s*(?:async\s*)?\(/.test(code);
  const kinds: Record<string, string> = {
    function: 'function',
    def: 'function',
    func: 'function',
    fn: 'function',
    class: 'class',
    interface: 'interface (a type contract)',
    type: 'type alias',
    enum: 'enum',
    struct: 'struct',
    const: isArrow ? 'arrow function held in a constant' : 'constant',
    let: 'variable',
    var: 'variable',
  };
  const kind = kinds[keyword] ?? 'symbol';
  const sentences = [`${name} is ${exported} ${kind} declared in ${path} at line ${line}.`];
  const parameters = /\(([^)]*)\)/.exec(code)?.[1];
  if (parameters !== undefined && (kind.includes('function') || keyword === '')) {
    sentences.push(parameters.trim() ? `It takes (${parameters.trim()})` : 'It takes no parameters');
    const returns = /\)\s*:\s*([^={]+?)\s*(?:=>|\{|$)/.exec(code)?.[1];
    sentences[sentences.length - 1] += returns ? ` and returns ${returns.trim()}.` : '.';
  } else {
    const value = /=\s*([^;]+);?\s*$/.exec(code)?.[1];
    if (value && !isArrow) sentences.push(`Its value is ${clipText(value.trim(), 80)}.`);
  }
  const comment = /Comment above it: "([^"]+)"/.exec(summary)?.[1];
  if (comment) sentences.push(`Its comment says: "${clipText(comment.replace(/\s*\*\s*/g, ' ').trim(), 160)}".`);
  const mentions = /Other mentions in \d+ files?: ([^.]+(?:\.[a-z]+[^.]*)*)\./.exec(summary)?.[1];
  if (mentions) sentences.push(`It is also mentioned in ${mentions}.`);
  return sentences.join(' ');
}

/** Two read files side by side: what each is, sizes, shared and distinct section headings, shared vocabulary. */
export function compareFiles(first: ObservedCall, second: ObservedCall): string {
  const left = String(first.args.path);
  const right = String(second.args.path);
  if (first.output === second.output)
    return `${left} and ${right} have identical content: ${summariseFile(left, first.output)}`;
  const headings = (text: string) =>
    new Set(
      text
        .split('\n')
        .filter((line) => /^#{1,3}\s/.test(line))
        .map((line) => line.replace(/^#+\s*/, '').trim()),
    );
  const leftHeadings = headings(first.output);
  const rightHeadings = headings(second.output);
  const shared = [...leftHeadings].filter((heading) => rightHeadings.has(heading));
  const onlyLeft = [...leftHeadings].filter((heading) => !rightHeadings.has(heading));
  const onlyRight = [...rightHeadings].filter((heading) => !leftHeadings.has(heading));
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z][a-z0-9_-]{3,}/g) ?? []);
  const leftWords = words(first.output);
  const rightWords = words(second.output);
  const common = [...leftWords].filter((word) => rightWords.has(word));
  const lines = (text: string) => text.split('\n').filter((line) => line.trim()).length;
  const parts = [
    `Comparison of ${left} and ${right}.`,
    summariseFile(left, first.output),
    summariseFile(right, second.output),
    `Size: ${left} has ${lines(first.output)} non-empty lines, ${right} has ${lines(second.output)}.`,
  ];
  if (leftHeadings.size + rightHeadings.size > 0) {
    parts.push(
      `Headings in both: ${shared.join('; ') || 'none'}; only in ${left}: ${onlyLeft.join('; ') || 'none'}; only in ${right}: ${onlyRight.join('; ') || 'none'}.`,
    );
  }
  parts.push(
    `They share ${common.length} of their ${new Set([...leftWords, ...rightWords]).size} distinct words (4+ letters)${common.length > 0 ? `, e.g. ${common.slice(0, 8).join(', ')}` : ''}.`,
  );
  return parts.join(' ');
}

/** How many entries of the (three-level) listing are files of the requested type, naming them. */
export function summariseCount(
  listing: { root: string; entries: ListingEntry[]; truncated: boolean },
  type: FileTypeFilter,
): string {
  const files = listing.entries.filter((entry) => entry.kind === 'file' && type.matches(entry.path));
  const where = listing.root === '.' ? 'the workspace' : `${listing.root}/`;
  const skipped = listing.entries.filter(
    (entry) => entry.kind === 'dir' && /^(node_modules|\.git)$/.test(entry.path.split('/').pop() ?? ''),
  );
  const rootDepth = listing.root === '.' ? 0 : listing.root.split('/').length;
  const deepest = listing.entries.some(
    (entry) => entry.kind === 'dir' && entry.path.split('/').length - rootDepth >= 3,
  );
  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`${skipped.map((entry) => `${entry.path}/`).join(', ')} not counted`);
  if (deepest) notes.push('folders deeper than three levels were not looked into');
  if (listing.truncated) notes.push('the listing was cut at its entry limit');
  const named = files.slice(0, 20).map((entry) => entry.path);
  return (
    `There ${files.length === 1 ? 'is' : 'are'} ${files.length} ${files.length === 1 ? type.label.replace(/\bfiles\b/, 'file') : type.label} in ${where}` +
    `${files.length > 0 ? `: ${named.join(', ')}${files.length > 20 ? ', …' : ''}` : ''}.` +
    `${notes.length > 0 ? ` (Counted from a three-level listing; ${notes.join('; ')}.)` : ''}`
  );
}
