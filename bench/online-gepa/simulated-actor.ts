import type { FakeAnswer } from '@gepa-aime/core/testing';
import { draw } from './draw';
import type { BenchGoal } from './goal-suite';
import { failureChance, ruleById } from './prompt-rules';

interface Message {
  role: string;
  content?: unknown;
  tool_calls?: Array<{ function: { name: string; arguments: string } }>;
}

/** What the simulated actor needs to know about the run it is in. */
export interface ActorWorld {
  seed: number;
  goal: BenchGoal;
}

const MISCOUNT_CHANCE = ruleById('verify-task').probability;

/**
 * The simulated actor: a ReAct script whose failures depend on the rules in its system prompt
 * (answering before reading, citing nothing, not re-reading a written file) and on seeded draws
 * keyed by seed, goal, task and attempt — the same draws for every strategy, so strategies differ
 * only by their prompts.
 */
export function actorReply(messages: readonly Message[], world: ActorWorld): FakeAnswer {
  const system = String(messages[0]?.content ?? '');
  const task = String(messages.find((message) => message.role === 'user')?.content ?? '');
  const taskId = /Subtask \[([^\]]+)\]/.exec(task)?.[1] ?? '?';
  const title = /Subtask \[[^\]]+\]: (.*)/.exec(task)?.[1] ?? '';
  const attempt = system.includes('The judge found your previous attempt') ? 1 : 0;
  const key = `${world.seed}:${world.goal.index}:${taskId}:${attempt}`;
  const calls = messages.flatMap((message) => message.tool_calls ?? []).map((call) => call.function);
  const lastObservation = String(messages.at(-1)?.role === 'tool' ? messages.at(-1)?.content : '');
  const { goal } = world;
  const cites = draw(`${key}:cite`) >= failureChance(ruleById('cite'), system);
  const references = (paths: string[]) => (cites ? paths : []);

  if (/^Write /.test(title)) {
    const target = goal.target ?? 'notes/summary.md';
    const defective = draw(`${key}:write`) < ruleById('verify-write').probability;
    const verifies = failureChance(ruleById('verify-write'), system) === 0;
    const written = calls.filter((call) => call.name === 'write_file').length;
    const readBack = calls.some((call) => call.name === 'read_file');
    if (written === 0) return toolCall('write_file', { path: target, content: summaryText(goal, !defective) });
    if (verifies && !readBack) return toolCall('read_file', { path: target });
    if (verifies && !lastObservation.includes('## Summary') && written === 1) {
      return toolCall('write_file', { path: target, content: summaryText(goal, true) });
    }
    return finish(`Wrote a summary of ${goal.file} to ${target}.`, references([goal.file, target]));
  }

  if (calls.length === 0) {
    if (draw(`${key}:read-first`) < failureChance(ruleById('read-first'), system)) {
      return finish(`${goal.file} has about 30 lines.`, references([goal.file]));
    }
    return toolCall('read_file', { path: goal.file });
  }
  if (/^(Count|Re-count) /.test(title)) {
    const careful = failureChance(ruleById('verify-task'), system) < MISCOUNT_CHANCE;
    const miscount = !title.startsWith('Re-count') && draw(`${key}:miscount`) < MISCOUNT_CHANCE * (careful ? 0.85 : 1);
    return finish(`${goal.file} has ${goal.lines + (miscount ? 1 : 0)} lines.`, references([goal.file]));
  }
  return finish(`${goal.file} ("${goal.title}") has ${goal.lines} lines of notes.`, references([goal.file]));
}

function summaryText(goal: BenchGoal, withHeading: boolean): string {
  const body = `${goal.title}: ${goal.lines} lines of notes.`;
  return withHeading ? `# Summary of ${goal.file}\n\n## Summary\n${body}\n` : `# Summary of ${goal.file}\n\n${body}\n`;
}

function toolCall(name: string, args: Record<string, unknown>): FakeAnswer {
  return { toolCalls: [{ name, arguments: args }] };
}

function finish(summary: string, references: string[]): FakeAnswer {
  return toolCall('finish', { status: 'complete', summary, references });
}
