import type { TaskStatus } from '../protocol/task-status';
import { renderMetadata, splitMetadata } from './checklist-metadata';
import type { TaskNode } from './task-node';

/**
 * The checklist as markdown, as in the Python reference: `- [ ]` pending, `- [-]` in progress,
 * `- [x]` complete, `- [!]` failed, plus `- [~]` cancelled (cut short by a cancelled run: `~` as in
 * markdown's ~~strikethrough~~), four spaces per level. Parsing also accepts `[/]` (in progress) and
 * `[X]`. Detail lines sit one level deeper:
 *   `> Done when: …` (completion criteria), `> Result: …` (summary), `> Progress: …` (last report
 *   while in progress), `> References: a, b`, `> Note: …`.
 */
const INDENT = '    ';

const MARK_BY_STATUS: Record<TaskStatus, string> = {
  pending: ' ',
  in_progress: '-',
  complete: 'x',
  failed: '!',
  cancelled: '~',
};
const STATUS_BY_MARK: Record<string, TaskStatus> = {
  ' ': 'pending',
  '-': 'in_progress',
  '/': 'in_progress',
  x: 'complete',
  X: 'complete',
  '!': 'failed',
  '~': 'cancelled',
};

const TASK_LINE = /^(\s*)[-*+]\s+\[(.)\]\s?(.*)$/;
const DETAIL_LINE =
  /^(\s*)>\s?(done when|criteria|completion criteria|result|summary|progress|references|note)\s*:\s*(.*)$/i;
const HEADING_LINE = /^#{1,6}\s+(?:goal\s*:\s*)?(.+)$/i;

export function renderChecklist(nodes: TaskNode[]): string {
  const lines: string[] = [];
  const visit = (node: TaskNode, depth: number): void => {
    const indent = INDENT.repeat(depth);
    const metadata = renderMetadata({
      id: node.id,
      dependsOn: node.dependsOn,
      persona: node.persona,
      bundles: node.bundles,
    });
    lines.push(`${indent}- [${MARK_BY_STATUS[node.status]}] ${oneLine(node.title)}${metadata ? ` ${metadata}` : ''}`);
    const detail = indent + INDENT;
    if (node.completionCriteria) lines.push(`${detail}> Done when: ${oneLine(node.completionCriteria)}`);
    if (node.summary) lines.push(`${detail}> Result: ${oneLine(node.summary)}`);
    if (node.lastProgress && node.status === 'in_progress') {
      lines.push(`${detail}> Progress: ${oneLine(node.lastProgress)}`);
    }
    if (node.references.length > 0) lines.push(`${detail}> References: ${node.references.map(oneLine).join(', ')}`);
    for (const note of node.notes) lines.push(`${detail}> Note: ${oneLine(note)}`);
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const node of nodes) visit(node, 0);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface ParsedChecklist {
  /** Text of the first heading, if any (`# Goal: …`). */
  goal?: string;
  /** Parsed tree; tasks without an id comment have `id: ''` (the caller assigns ids). */
  tasks: TaskNode[];
}

/** Parses checklist markdown; tolerant of 2-space or tab indentation, `*` bullets and `[X]`. */
export function parseChecklist(markdown: string): ParsedChecklist {
  const roots: TaskNode[] = [];
  const stack: Array<{ indent: number; node: TaskNode }> = [];
  let goal: string | undefined;
  let last: TaskNode | undefined;
  for (const rawLine of markdown.split(/\r?\n/)) {
    const line = rawLine.replace(/\t/g, INDENT);
    const task = TASK_LINE.exec(line);
    if (task) {
      const indent = (task[1] ?? '').length;
      const { title, metadata } = splitMetadata(task[3] ?? '');
      const node: TaskNode = {
        id: metadata.id ?? '',
        title,
        status: STATUS_BY_MARK[task[2] ?? ' '] ?? 'pending',
        dependsOn: metadata.dependsOn ?? [],
        persona: metadata.persona,
        bundles: metadata.bundles,
        notes: [],
        references: [],
        children: [],
      };
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) stack.pop();
      const parent = stack[stack.length - 1]?.node;
      (parent ? parent.children : roots).push(node);
      stack.push({ indent, node });
      last = node;
      continue;
    }
    const detail = DETAIL_LINE.exec(line);
    if (detail && last) {
      applyDetail(last, (detail[2] ?? '').toLowerCase(), (detail[3] ?? '').trim());
      continue;
    }
    const heading = HEADING_LINE.exec(line.trim());
    if (heading && goal === undefined && roots.length === 0) goal = heading[1]?.trim();
  }
  return { goal, tasks: roots.map(withoutUndefined) };
}

function applyDetail(node: TaskNode, key: string, value: string): void {
  if (value === '') return;
  if (key === 'done when' || key === 'criteria' || key === 'completion criteria') node.completionCriteria = value;
  else if (key === 'result' || key === 'summary') node.summary = value;
  else if (key === 'progress') node.lastProgress = value;
  else if (key === 'references') {
    node.references = value
      .split(',')
      .map((reference) => reference.trim())
      .filter(Boolean);
  } else node.notes.push(value);
}

function withoutUndefined(node: TaskNode): TaskNode {
  const copy: TaskNode = { ...node, children: node.children.map(withoutUndefined) };
  if (copy.persona === undefined) delete copy.persona;
  if (copy.bundles === undefined) delete copy.bundles;
  return copy;
}

/** Collapses line breaks and runs of whitespace so that every value stays on its line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
