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
    /** The server's URL, named in connection errors. */
    private readonly url?: string,
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

  /**
   * The typed error for this attempt: a caller abort, a timeout (worded for a stream that had
   * already shown part of its answer when `answerStarted`), or the normalised `error`.
   */
  toError(error: unknown, answerStarted = false): ModelError {
    if (this.callerSignal?.aborted) {
      return new ModelAbortedError('The model request was cancelled', { cause: this.callerSignal.reason });
    }
    if (this.timedOut) {
      const seconds = this.timeoutMs / 1000;
      const message = answerStarted
        ? `The model stopped answering after ${seconds} s of silence in the middle of its answer (request_timeout)`
        : `No answer from the model server within ${seconds} s (request_timeout)`;
      return new ModelTimeoutError(message, { cause: error });
    }
    return normalizeModelError(error, this.url);
  }

  /** Stops the timer and cancels the HTTP request if it is still open. */
  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('request finished'));
  }
}
