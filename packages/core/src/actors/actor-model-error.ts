import { AIMEError } from '../errors/aime-error';

/** The model failed while an actor was working (after the client's own retries); the task fails, the run goes on. */
export class ActorModelError extends AIMEError {
  constructor(cause: unknown) {
    super('actor_model_failed', cause instanceof Error ? cause.message : String(cause), { cause });
  }
}
