export * from './event-size';
export { llmUsageEvent } from './llm-usage-event';
export type * from './prompt-optimizer';
export * from './run-events';
export * from './task-status';
export * from './usage';
