import { AIMEError } from '../errors/aime-error';

/** A progress operation named a task id that is not in the checklist. */
export class TaskNotFoundError extends AIMEError {
  readonly taskId: string;

  constructor(taskId: string) {
    super('task_not_found', `No task with id "${taskId}" in the checklist`);
    this.taskId = taskId;
  }
}
