export { type ParsedChecklist, parseChecklist, renderChecklist } from './checklist-markdown';
export { deriveStatus } from './derive-status';
export { InvalidTaskTransitionError } from './invalid-task-transition-error';
export { ProgressManager } from './progress-manager';
export type { StatusChange, TaskInput, TaskNode } from './task-node';
export { TaskNotFoundError } from './task-not-found-error';
