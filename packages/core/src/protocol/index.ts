export * from './event-size';
export { llmUsageEvent } from './llm-usage-event';
export * from './planner-state';
export type * from './prompt-optimizer';
export type * from './request-metadata';
export * from './run-events';
export * from './task-status';
export * from './usage';
