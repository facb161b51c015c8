import { AIMEError } from '../errors/aime-error';
import type { TaskStatus } from '../protocol/task-status';

/** A status change that the checklist does not allow (e.g. reopening a completed task, an empty summary). */
export class InvalidTaskTransitionError extends AIMEError {
  readonly taskId: string;
  readonly from: TaskStatus;
  readonly to: TaskStatus;

  constructor(taskId: string, from: TaskStatus, to: TaskStatus, reason: string) {
    super('invalid_task_transition', `Task "${taskId}" cannot go from ${from} to ${to}: ${reason}`);
    this.taskId = taskId;
    this.from = from;
    this.to = to;
  }
}
