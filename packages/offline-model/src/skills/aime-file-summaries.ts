import { parse as parseYaml } from 'yaml';

/**
 * What the offline actor says about a file it read, by kind: Markdown/text (title, first paragraph,
 * sections), JSON (name, version, scripts, dependencies, top-level keys), YAML (top-level keys and
 * their entries) and source code (declarations with line numbers). Only facts from the text.
 */
export function summariseFile(path: string, text: string): string {
  const body = text.replace(/\n\[truncated at [^\n]*\]$/, '');
  if (!body.trim()) return `${path} is empty.`;
  if (/\.json$/i.test(path)) return summariseJson(path, body) ?? summariseDocument(path, body);
  if (/\.ya?ml$/i.test(path)) return summariseYaml(path, body) ?? summariseDocument(path, body);
  if (/\.(m|c)?[jt]sx?$|\.py$|\.go$|\.rs$|\.java$|\.rb$/i.test(path)) return summariseCode(path, body);
  return summariseDocument(path, body);
}

/** The gist of a text document: its title, first paragraph and section headings. */
export function summariseDocument(path: string, text: string): string {
  const lines = text.split('\n');
  const title = lines
    .find((line) => /^#\s+/.test(line))
    ?.replace(/^#\s+/, '')
    .trim();
  const headings = lines
    .filter((line) => /^##\s+/.test(line))
    .map((line) => line.replace(/^##\s+/, '').trim())
    .slice(0, 8);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block && !/^(#|```|\||<|!\[|-{3,})/.test(block));
  const first = paragraphs[0] ? clipText(plainText(paragraphs[0]), 320) : '';
  const parts = [`${path}${title ? ` ("${title}")` : ''}`];
  if (first) parts.push(`says: ${first}`);
  if (headings.length > 0) parts.push(`Sections: ${headings.join('; ')}.`);
  parts.push(`(${nonEmptyLines(text)} non-empty lines)`);
  return parts.join(' ');
}

function summariseJson(path: string, text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value))
    return `${path} is JSON holding ${Array.isArray(value) ? `a list of ${value.length} items` : 'a single value'}.`;
  const parts: string[] = [];
  const identity = ['name', 'version', 'description'].filter((key) => typeof value[key] === 'string');
  if (identity.length > 0) parts.push(identity.map((key) => `${key} ${JSON.stringify(value[key])}`).join(', '));
  for (const key of ['scripts', 'compilerOptions']) {
    const section = value[key];
    if (isRecord(section)) {
      const entries = Object.entries(section).slice(0, 10);
      parts.push(
        `${key}: ${entries.map(([name, setting]) => `${name} = ${clipText(JSON.stringify(setting), 60)}`).join('; ')}`,
      );
    }
  }
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const section = value[key];
    if (isRecord(section)) {
      const entries = Object.entries(section).slice(0, 12);
      parts.push(`${key}: ${entries.map(([name, version]) => `${name} ${String(version)}`).join(', ')}`);
    }
  }
  const keys = Object.keys(value);
  return `${path} (JSON) — ${parts.length > 0 ? `${parts.join('. ')}. ` : ''}Top-level keys: ${keys.slice(0, 15).join(', ')}${keys.length > 15 ? ', …' : ''}.`;
}

function summariseYaml(path: string, text: string): string | undefined {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const parts = Object.entries(value)
    .slice(0, 12)
    .map(([key, setting]) =>
      isRecord(setting)
        ? `${key} (${Object.keys(setting).slice(0, 8).join(', ')})`
        : `${key}: ${clipText(typeof setting === 'string' ? setting : JSON.stringify(setting), 60)}`,
    );
  return `${path} (YAML) — top-level settings: ${parts.join('; ')}.`;
}

const DECLARATION =
  /^\s*(export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?(function\*?|const|let|var|class|interface|type|enum|def|func|fn|struct)\s+([A-Za-z_$][\w$]*)/;

/** Source code: its leading comment, and declarations with their line numbers. */
export function summariseCode(path: string, text: string): string {
  const lines = text.split('\n');
  const declarations: string[] = [];
  lines.forEach((line, index) => {
    const match = DECLARATION.exec(line);
    if (!match || /^\s/.test(line)) return;
    const signature = line
      .trim()
      .replace(/\s*[{:]?\s*$/, '')
      .replace(/;$/, '');
    declarations.push(`\`${clipText(signature, 100)}\` (line ${index + 1})`);
  });
  const comment = /^\s*(?:\/\*\*?|\/\/|#)\s*(.+)/.exec(lines.find((line) => line.trim()) ?? '')?.[1];
  const parts = [`${path} (${nonEmptyLines(text)} non-empty lines of code)`];
  if (comment && !/^!/.test(comment))
    parts.push(`begins with the comment "${clipText(comment.replace(/\*\/\s*$/, '').trim(), 120)}"`);
  parts.push(
    declarations.length > 0
      ? `declares ${declarations.slice(0, 12).join(', ')}${declarations.length > 12 ? ', …' : ''}`
      : `has no top-level declarations the offline model recognises; it starts with: ${clipText(text.trim().replace(/\s+/g, ' '), 160)}`,
  );
  return `${parts.join(', ')}.`;
}

function nonEmptyLines(text: string): number {
  return text.split('\n').filter((line) => line.trim()).length;
}

/** Markdown inline syntax removed: links keep their text, emphasis and code marks go. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cut at a word boundary with an ellipsis. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
