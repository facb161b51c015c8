import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../config/load-config';
import type { ChatRequest } from '../llm/types';
import { type RunEvent, runEventSchema } from '../protocol/run-events';

/** A temp workspace (real path) with a README and a src folder. */
export function tempWorkspace(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-workspace-')));
  writeFileSync(join(root, 'README.md'), '# Demo\n\nA demo project.\n');
  return root;
}

/** The default configuration (offline provider) with optional environment overrides. */
export function testConfig(env: NodeJS.ProcessEnv = {}) {
  return loadConfig({ directory: mkdtempSync(join(tmpdir(), 'aime-config-')), env });
}

/** Every event valid against the zod union, seq contiguous from 1, one run-end at the end. */
export function expectValidEventLog(events: RunEvent[]): void {
  for (const event of events) expect(runEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
  expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
  expect(events[0]?.type).toBe('run-start');
  expect(events.at(-1)?.type).toBe('run-end');
  expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
}

/** "planner" for plan requests, else the task id of an actor request ("Subtask [id]: …"). */
export function requestRole(request: Pick<ChatRequest, 'messages' | 'responseSchema'>): string {
  if (request.responseSchema) return 'planner';
  const task = request.messages.find((message) => message.role === 'user')?.content ?? '';
  return /Subtask \[([^\]]+)\]/.exec(String(task))?.[1] ?? 'unknown';
}
