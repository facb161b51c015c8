import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GEPAConfig } from '../config/gepa-config';
import { LightweightOnlineGEPA, type LightweightOnlineGEPAOptions } from '../optimizer/online/lightweight-online-gepa';
import type { PromptComponent, TaskOutcome } from '../protocol/prompt-optimizer';
import type { RunEventInput } from '../protocol/run-events';

/** A small window and threshold so that a few outcomes trigger reflection and decide trials. */
export const TEST_GEPA_CONFIG: Partial<GEPAConfig> = {
  window_size: 3,
  threshold: 0.5,
  min_traces_before_reflection: 2,
  reflection_minibatch_size: 2,
  components: ['planner'],
};

/** A trace file path in a fresh temp directory (the file and its folder do not exist yet). */
export function tempTracePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'aime-online-')), 'traces', 'gepa_history.jsonl');
}

/** A logger that keeps its warnings for assertions. */
export function silentLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => void warnings.push(message) } };
}

let clock = Date.parse('2026-01-01T00:00:00Z');
/** A clock one second further on each call. */
const now = () => (clock += 1000);

/** Online GEPA on `path` with the test config, the test clock and ids `<component>-gen<n>`. */
export function createOptimizer(path: string, options: Partial<LightweightOnlineGEPAOptions> = {}) {
  let next = 0;
  return LightweightOnlineGEPA.create({
    tracePath: path,
    config: TEST_GEPA_CONFIG,
    now,
    createId: (component) => `${component}-gen${++next}`,
    logger: silentLogger().logger,
    ...options,
  });
}

/** A task outcome under the optimizer's current prompt: success (score 1) or a missing-file failure. */
export function taskOutcome(
  optimizer: LightweightOnlineGEPA,
  score: number,
  component: PromptComponent = 'planner',
  index = 0,
): TaskOutcome {
  const active = optimizer.currentPrompt(component);
  return {
    runId: 'run-1',
    goal: 'Read notes/plan.md and summarise it',
    taskId: `t${index}`,
    taskTitle: `Read notes/plan.md (${index})`,
    component,
    candidateId: active.candidateId,
    prompt: active.text,
    response: score >= 1 ? 'Summary written.' : 'Could not read the file.',
    score,
    feedback:
      score >= 1
        ? `Task [t${index}] completed.`
        : `Task [t${index}] failed: ENOENT: no such file or directory, open 'notes/plan.md'`,
  };
}

/** Records one outcome per score, in order; returns all the events. */
export async function feed(optimizer: LightweightOnlineGEPA, scores: number[], component: PromptComponent = 'planner') {
  const events: RunEventInput[] = [];
  for (const [index, score] of scores.entries()) {
    events.push(...(await optimizer.record(taskOutcome(optimizer, score, component, index))));
  }
  return events;
}

/** A reflection answer with the new prompt in a fenced block. */
export function fenced(text: string): string {
  return `Here is the improved instruction:\n\`\`\`\n${text}\n\`\`\``;
}

/** The trace file's records. */
export function traceLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}
