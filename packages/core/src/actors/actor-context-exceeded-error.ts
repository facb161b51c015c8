import { AIMEError } from '../errors/aime-error';

/** The conversation did not fit the model's context window even after compacting it; the task fails, the run goes on. */
export class ActorContextExceededError extends AIMEError {
  constructor(message: string, cause: unknown) {
    super('actor_context_exceeded', message, { cause });
  }
}
