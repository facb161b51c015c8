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

/** Who asks, from the request metadata: "planner", the task id of an actor request, else the role or "unknown". */
export function requestRole(request: Pick<ChatRequest, 'metadata'>): string {
  const intent = request.metadata;
  if (intent?.role === 'actor') return intent.task.id;
  return intent?.role ?? 'unknown';
}
