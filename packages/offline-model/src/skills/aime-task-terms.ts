/**
 * Word-level reading of a subtask title for the offline actor: what the task asks for (intent
 * words), what to search for (quoted strings, identifiers, content words), whether it refers back
 * to an earlier result ("explain it"), and which file types it counts. Deterministic rules only.
 */

export const WEB_WORDS =
  /\b(?:the web|the internet|online|on the internet|web search|search engine|google|bing|duckduckgo|latest news)\b/i;
export const WRITE_WORDS = /\b(write|save|create|store|record|put|export|draft)\b/i;
export const COUNT_WORDS = /\b(how many|count|number of)\b/i;
export const COMPARE_WORDS = /\b(compare|comparison|diff|differences?|versus|vs\.?)\b/i;
export const SEARCH_WORDS = /\b(search|find|locate|grep|look (?:for|up)|where (?:is|are|does|do)|which files?)\b/i;
export const DEFINITION_WORDS = /\b(defined|declared|defines|declares|definition|implemented|implements)\b/i;
export const CODE_NOUNS = /\b(interface|class|function|method|type|enum|constant|variable|symbol|struct)\b/i;
export const PROPOSE_WORDS = /\b(propose|suggest|recommend|next steps?|ideas?|improvements?)\b/i;
export const LAYOUT_WORDS =
  /\b(layout|structure|repositor(?:y|ies)|folders?|director(?:y|ies)|tree|codebase|project|overview|workspace|files)\b/i;
export const LIST_WORDS =
  /\b(list|show|what(?:'s| is| are)? in|what files|which files|contents? of|contains?|folders?|director(?:y|ies)|dir)\b/i;
export const SUMMARY_WORDS = /\b(summar(?:ise|ize|y)|describe|overview|explain|layout|about)\b/i;
const CONTAINERS = '(?:packages?|folders?|director(?:y|ies)|modules?|apps?|workspaces?|projects?)';
/** "Which package has the most …", "the largest folder", "… per package": containers compared by counting the files of each. */
export const RANK_WORDS = new RegExp(
  `\\bwhich\\s+(?:of the\\s+)?${CONTAINERS}\\b[^?]*\\b(?:most|fewest|least|largest|biggest|smallest|more|fewer)\\b|` +
    `\\b(?:largest|biggest|smallest)\\s+${CONTAINERS}\\b|\\b(?:each|every|per)\\s+${CONTAINERS}\\b`,
  'i',
);
const SUPERLATIVE = /\b(largest|biggest|smallest|oldest|newest|longest|shortest|best|worst|most|least|fewest)\b/i;
/** The task is about packages (folders holding a package.json), not plain folders. */
export const PACKAGE_WORDS = /\b(?:packages?|modules?|workspaces?|apps?|projects?)\b/i;

/** What the offline model says when a task needs a real model. */
export const CANNOT_DO = 'the offline model cannot do this; configure a model (docs/models.md)';

const UNSUPPORTED_VERBS =
  /^(?:please\s+)?(translate|refactor|fix|debug|implement|rename|delete|remove|install|deploy|run|execute|compile|upgrade|migrate|rewrite|optimi[sz]e|convert|port)\b/i;
const LANGUAGES =
  /\b(?:in|into|to)\s+(?:french|german|spanish|italian|chinese|japanese|portuguese|russian|korean|dutch|arabic|hindi)\b/i;

/**
 * The action a task asks for that the offline model cannot perform (it has no shell, edits no
 * code, writes no prose beyond what it read and ranks only by counting files per package or
 * folder): "translate", "fix", "run", "which file is the largest" … — undefined otherwise.
 */
export function unsupportedAction(title: string): string | undefined {
  const verb = UNSUPPORTED_VERBS.exec(title.trim())?.[1];
  if (verb) return verb.toLowerCase();
  if (LANGUAGES.test(title)) return 'translate';
  // "Which file is the largest?", "What is the most important module?": only counts per folder are computed.
  const question = /^\s*(?:which\b|what(?:'s| is| are)\s+the\b)/i.test(title)
    ? SUPERLATIVE.exec(title)?.[1]
    : undefined;
  return question && !RANK_WORDS.test(title)
    ? `answer a "${question.toLowerCase()}" question (it ranks only by counting files per package or folder)`
    : undefined;
}

export const READ_WORDS =
  /\b(read|open|summar(?:ise|ize|y)|explain|describe|show|tell|what does|what is|what's|say|says|review|inspect|look at|check|key points)\b/i;

const CONTINGENCY_SUFFIX = /\s*\(another way: the first attempt failed:[\s\S]*$/;

/** The task title without the offline planner's contingency note ("… (another way: the first attempt failed: …)"). */
export function cleanTaskTitle(title: string): string {
  return title.replace(CONTINGENCY_SUFFIX, '').trim();
}

/** Whether the title refers back to an earlier result: it, them, this, that, these, those, the results … */
export function refersBack(title: string): boolean {
  if (/\b(it|its|them|these|those|the (?:results?|findings|output|answers?|above|matches|hits|list))\b/i.test(title)) {
    return true;
  }
  return /\b(this|that)\s*[.!?]?$/i.test(title.trim());
}

/** Strings in double, single or back quotes ("TODO", 'widget'), apostrophes inside words ignored. */
export function quotedStrings(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s(=:,])(["'`])([^"'`\n]{1,80})\1(?=$|[\s).,;:!?])/g)) {
    const value = match[2]?.trim();
    if (value) found.push(value);
  }
  return found;
}

const STOP_WORDS = new Set(
  `a about all an and any are as at be by can code codebase contain contains could declared defined defines definition
  describe do does each every explain file files find folder for from function get give grep here how i in is it its
  locate look me mention mentions mentioned my of on or please project repo repository search show symbol tell text that
  the their them then there these this those to up used uses using variable what where which who why with word workspace
  you implemented implements declares occurrences occurrence appear appears usages usage references reference class
  method type constant called named name where's what's`.split(/\s+/),
);

/**
 * Search terms of a find/search task, best first, from the best kind present: quoted strings, else
 * identifier-like words (camelCase, PascalCase, snake_case, dotted, with digits, one letter), else
 * the content words — stop words such as where/is/defined/find/the dropped.
 */
export function searchTerms(title: string): string[] {
  const quoted = quotedStrings(title);
  const unquoted = title.replace(/(["'`])[^"'`\n]{1,80}\1/g, ' ');
  const words = (unquoted.match(/[A-Za-z_$][\w$.-]*/g) ?? [])
    .map((word) => word.replace(/[.-]+$/, ''))
    .filter((word) => word.length > 0);
  const content = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  const identifiers = content.filter((word) => isIdentifierLike(word, word === words[0]));
  if (quoted.length > 0) return [...new Set(quoted)];
  if (identifiers.length > 0) return [...new Set(identifiers)];
  return [...new Set(content)];
}

/** Identifier-like words of the title (camelCase, PascalCase after the first word, snake_case …), quotes ignored. */
export function identifiersIn(title: string): string[] {
  const words = (title.replace(/(["'`])[^"'`\n]{1,80}\1/g, ' ').match(/[A-Za-z_$][\w$]*/g) ?? []).filter(
    (word) => !STOP_WORDS.has(word.toLowerCase()),
  );
  const first = title.match(/[A-Za-z_$][\w$]*/)?.[0];
  return words.filter((word) => word.length > 1 && isIdentifierLike(word, word === first));
}

/** camelCase, PascalCase (not the first word of the sentence), snake_case, dotted, with digits or `$`, or one letter. */
function isIdentifierLike(word: string, first: boolean): boolean {
  if (/[_$\d.]/.test(word)) return true;
  if (/[a-z][A-Z]/.test(word)) return true;
  if (/^[A-Z][a-z]+[A-Z]?/.test(word) && !first) return true;
  if (/^[A-Z]{2,}$/.test(word)) return true;
  return word.length === 1;
}

/** Whether a search term looks like a code identifier (so a definition can be recognised for it). */
export function isIdentifier(term: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(term);
}

/**
 * The exact text a write task asks for: "with the text hello world", "containing 'TODO: x'",
 * "that says …", or `Write 'done' to status.txt` — undefined when the task asks for a document built from results instead.
 */
export function literalContent(title: string): string | undefined {
  const match =
    /\b(?:with the (?:text|content|words?|line)|with (?:text|content)|containing(?: the text)?|that says|saying)\s+(.+)$/i.exec(
      title,
    );
  const quotedFirst = /^(?:write|save|put|store|add)\s+(["'`])([^"'`\n]+)\1\s+(?:to|into|in)\s+/i.exec(title)?.[2];
  if (quotedFirst !== undefined) return quotedFirst;
  if (!match?.[1]) return undefined;
  const text = match[1].trim();
  const quoted = /^(["'`])([\s\S]*)\1$/.exec(text)?.[2];
  return quoted ?? text;
}

export interface FileTypeFilter {
  label: string;
  /** The glob find_files counts with (undefined: every file). */
  glob?: string;
  matches(path: string): boolean;
}

const SOURCE_EXTENSIONS = 'ts,tsx,mts,cts,js,jsx,mjs,cjs,py,go,rs,java,kt,rb,php,c,h,cc,cpp,hpp,cs,swift';

const FILE_TYPES: Array<{ words: RegExp; label: string; glob: string; pattern: RegExp }> = [
  {
    words: /\btest(?:s| files?)\b|\bspecs?\b/i,
    label: 'test files',
    glob: '**/*.{test,spec}.*',
    pattern: /\.(test|spec)\.[\w]+$/i,
  },
  {
    words: /\btypescript\b|\bts files?\b|\.tsx?\b/i,
    label: 'TypeScript files (.ts, .tsx)',
    glob: '**/*.{ts,tsx}',
    pattern: /\.tsx?$/i,
  },
  {
    words: /\bjavascript\b|\bjs files?\b|\.m?js\b/i,
    label: 'JavaScript files (.js, .mjs, .cjs, .jsx)',
    glob: '**/*.{js,mjs,cjs,jsx}',
    pattern: /\.(m|c)?jsx?$/i,
  },
  {
    words: /\bmarkdown\b|\bmd files?\b|\.md\b|\bdocs? files?\b/i,
    label: 'Markdown files (.md)',
    glob: '**/*.md',
    pattern: /\.md$/i,
  },
  { words: /\bjson\b/i, label: 'JSON files (.json)', glob: '**/*.json', pattern: /\.json$/i },
  { words: /\bya?ml\b/i, label: 'YAML files (.yml, .yaml)', glob: '**/*.{yml,yaml}', pattern: /\.ya?ml$/i },
  { words: /\bpython\b|\.py\b/i, label: 'Python files (.py)', glob: '**/*.py', pattern: /\.py$/i },
  {
    words: /\bsource(?: code)?(?: files?)?\b|\bcode files?\b/i,
    label: 'source files (.ts, .tsx, .js, .mjs, .py, .go, .rs, .java, .c, … by extension)',
    glob: `**/*.{${SOURCE_EXTENSIONS}}`,
    pattern: new RegExp(`\\.(${SOURCE_EXTENSIONS.split(',').join('|')})$`, 'i'),
  },
];

/** The kind of file a counting task counts ("how many TypeScript files", "count the .md files"); all files otherwise. */
export function fileTypeIn(title: string): FileTypeFilter {
  for (const type of FILE_TYPES) {
    if (type.words.test(title)) {
      return { label: type.label, glob: type.glob, matches: (path) => type.pattern.test(path) };
    }
  }
  const extension = /(?:^|\s)\*?\.([A-Za-z0-9]{1,8})\b/.exec(title)?.[1];
  if (extension) {
    const pattern = new RegExp(`\\.${extension}$`, 'i');
    return { label: `.${extension} files`, glob: `**/*.${extension}`, matches: (path) => pattern.test(path) };
  }
  return { label: 'files', matches: () => true };
}
