import type { RunEvent } from '@gepa-aime/core';

/** A one-line progress message for the events an MCP client cares about; undefined for the rest. */
export function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run-start':
      return `run started (model ${event.model})`;
    case 'plan-update':
      return `plan: ${event.tasks.length} task(s)`;
    case 'task-start':
      return `task ${event.taskId} started: ${event.title}`;
    case 'progress-update':
      return `task ${event.taskId} ${event.status}: ${event.message}`;
    case 'task-end':
      return `task ${event.taskId} ${event.status}: ${event.summary}`;
    case 'run-end':
      return `run ${event.status}`;
    default:
      return undefined;
  }
}
