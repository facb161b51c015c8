import { ModelAbortedError, type ModelError, ModelTimeoutError } from '../errors/index';
import { normalizeModelError } from './map-error';

/**
 * One HTTP attempt's lifetime: an AbortController fed by the caller's signal and by a timeout
 * timer (restartable, so streams time out on silence rather than on total length). `toError`
 * tells a caller abort from a timeout from anything else.
 */
export class RequestScope {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut = false;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.restartTimer();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restartTimer(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error('request timeout'));
    }, this.timeoutMs);
  }

  toError(error: unknown): ModelError {
    if (this.callerSignal?.aborted) {
      return new ModelAbortedError('The model request was cancelled', { cause: this.callerSignal.reason });
    }
    if (this.timedOut) {
      return new ModelTimeoutError(
        `No answer from the model server within ${this.timeoutMs / 1000} s (request_timeout)`,
        {
          cause: error,
        },
      );
    }
    return normalizeModelError(error);
  }

  /** Stops the timer and cancels the HTTP request if it is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('request finished'));
  }
}
