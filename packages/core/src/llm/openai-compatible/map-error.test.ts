import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import {
  ContextLengthExceededError,
  InvalidResponseError,
  ModelConnectionError,
  ModelNotFoundError,
  ModelServerError,
  RateLimitedError,
} from '../errors/index';
import { errorFromResponse, normalizeModelError, parseErrorBody, parseRetryAfter } from './map-error';
import { retryDelayMs } from './retry';

describe('parseErrorBody', () => {
  it('reads nested, flat, detail and plain-text bodies', () => {
    expect(parseErrorBody('{"error":{"message":"m1","type":"t1","code":"c1"}}')).toEqual({
      message: 'm1',
      type: 't1',
      code: 'c1',
    });
    expect(parseErrorBody('{"object":"error","message":"m2","type":"NotFoundError","code":404}')).toEqual({
      message: 'm2',
      type: 'NotFoundError',
      code: '404',
    });
    expect(parseErrorBody('{"detail":[{"msg":"field required"},{"msg":"bad type"}]}').message).toBe(
      'field required; bad type',
    );
    expect(parseErrorBody('{"error":"plain string"}').message).toBe('plain string');
    expect(parseErrorBody('Bad Gateway').message).toBe('Bad Gateway');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('classifies by status and body', () => {
    const headers = new Headers({ 'retry-after': '2' });
    const limited = errorFromResponse(429, '{}', headers, 'u');
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(2000);
    expect(errorFromResponse(502, 'Bad Gateway', new Headers(), 'u')).toBeInstanceOf(ModelServerError);
    expect(
      errorFromResponse(400, '{"error":{"message":"x","code":"model_not_found"}}', new Headers(), 'u'),
    ).toBeInstanceOf(ModelNotFoundError);
  });
});

describe('retryDelayMs', () => {
  const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  it('grows exponentially with jitter and is capped', () => {
    const error = new ModelServerError('x');
    expect(retryDelayMs(error, 0, { ...policy, random: () => 0 })).toBe(50);
    expect(retryDelayMs(error, 0, { ...policy, random: () => 0.999 })).toBeCloseTo(99.95);
    expect(retryDelayMs(error, 2, { ...policy, random: () => 0 })).toBe(200);
    expect(retryDelayMs(error, 9, { ...policy, random: () => 1 })).toBe(1000);
  });
  it('uses Retry-After when given, capped', () => {
    expect(retryDelayMs(new RateLimitedError('x', { retryAfterMs: 700 }), 0, policy)).toBe(700);
    expect(retryDelayMs(new RateLimitedError('x', { retryAfterMs: 70_000 }), 0, policy)).toBe(1000);
  });
});

describe('normalizeModelError', () => {
  it('maps an error event inside a stream (no HTTP status) by its code', () => {
    const inStream = new APIError(
      undefined,
      { message: 'maximum context length exceeded', code: 400 },
      undefined,
      undefined,
    );
    expect(normalizeModelError(inStream)).toBeInstanceOf(ContextLengthExceededError);
    const crashed = new APIError(
      undefined,
      { message: 'engine dead', type: 'InternalServerError' },
      undefined,
      undefined,
    );
    expect(normalizeModelError(crashed)).toBeInstanceOf(ModelServerError);
  });

  it('tells malformed JSON ("Unterminated string") from a cut connection ("terminated")', () => {
    const malformed = normalizeModelError(new SyntaxError('Unterminated string in JSON at position 75'));
    expect(malformed).toBeInstanceOf(InvalidResponseError);
    expect(malformed.retryable).toBe(false);
    const cut = normalizeModelError(new TypeError('terminated'));
    expect(cut).toBeInstanceOf(ModelConnectionError);
    expect(cut.retryable).toBe(true);
  });
});
