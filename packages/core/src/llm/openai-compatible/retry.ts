import { ModelAbortedError, type ModelError, RateLimitedError } from '../errors/index';
import { normalizeModelError } from './map-error';

export interface RetryPolicy {
  /** Retries after the first attempt (config `max_retries`). */
  maxRetries: number;
  /** First backoff step; doubles each retry. */
  baseDelayMs: number;
  /** Cap for one wait, including a server's Retry-After. */
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

export function shouldRetry(error: ModelError, retriesDone: number, policy: RetryPolicy): boolean {
  return error.retryable && retriesDone < policy.maxRetries;
}

/**
 * Wait before retry number `retriesDone + 1`: the server's Retry-After when it sent one, else
 * exponential backoff with "equal jitter" (half fixed, half random), capped at `maxDelayMs`.
 */
export function retryDelayMs(error: ModelError, retriesDone: number, policy: RetryPolicy): number {
  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxDelayMs);
  }
  const exponential = Math.min(policy.baseDelayMs * 2 ** retriesDone, policy.maxDelayMs);
  const random = policy.random ?? Math.random;
  return exponential / 2 + (exponential / 2) * random();
}

/** Sleeps, waking early with ModelAbortedError when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => new ModelAbortedError('The model request was cancelled', { cause: signal?.reason });
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, a non-retryable error occurs or retries run out. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let retriesDone = 0; ; retriesDone++) {
    try {
      return await attempt();
    } catch (error) {
      const modelError = normalizeModelError(error);
      if (!shouldRetry(modelError, retriesDone, policy)) throw modelError;
      await sleep(retryDelayMs(modelError, retriesDone, policy), signal);
    }
  }
}
