import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeededRandom } from '@gepa-aime/core';

export type GoalKind = 'count' | 'summary' | 'write';

/** One generated goal with its ground truth (the oracle judge's answer key). */
export interface BenchGoal {
  index: number;
  kind: GoalKind;
  text: string;
  /** The document the goal is about (`docs/<name>.md`). */
  file: string;
  /** Its first line (`# <Title>`) without the hash. */
  title: string;
  lines: number;
  /** For `write` goals: where the summary must go. */
  target?: string;
}

export interface BenchDocument {
  file: string;
  title: string;
  lines: number;
}

const NAMES = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
  'kilo',
  'lima',
];

/** Writes `docs/<name>.md` files with seeded line counts into `root`; returns what was written. */
export function writeDocuments(root: string, random: SeededRandom): BenchDocument[] {
  mkdirSync(join(root, 'docs'), { recursive: true });
  return NAMES.map((name) => {
    const lines = 8 + Math.floor(random.next() * 40);
    const title = `${name[0]?.toUpperCase()}${name.slice(1)} notes`;
    const body = Array.from({ length: lines - 1 }, (_unused, index) => `Line ${index + 2} of the ${name} notes.`);
    writeFileSync(join(root, 'docs', `${name}.md`), `${[`# ${title}`, ...body].join('\n')}\n`);
    return { file: `docs/${name}.md`, title, lines };
  });
}

/** `count` goals are the most common, then `write`, then `summary` (failure modes differ by kind). */
export function generateGoals(random: SeededRandom, documents: readonly BenchDocument[], count: number, offset = 0) {
  const goals: BenchGoal[] = [];
  for (let position = 0; position < count; position++) {
    const index = offset + position;
    const document = documents[Math.floor(random.next() * documents.length)] as BenchDocument;
    const roll = random.next();
    const kind: GoalKind = roll < 0.4 ? 'count' : roll < 0.75 ? 'write' : 'summary';
    const base = { index, kind, file: document.file, title: document.title, lines: document.lines };
    if (kind === 'count') goals.push({ ...base, text: `How many lines does ${document.file} have?` });
    else if (kind === 'summary') goals.push({ ...base, text: `Summarise ${document.file}` });
    else {
      const target = `notes/${document.file.slice(5, -3)}-${index}.md`;
      goals.push({ ...base, target, text: `Read ${document.file} and write a summary to ${target}` });
    }
  }
  return goals;
}
