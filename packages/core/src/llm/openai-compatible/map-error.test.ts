import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ContextLengthExceededError,
  InvalidResponseError,
  isConfigurationError,
  ModelConnectionError,
  ModelNotFoundError,
  ModelServerError,
  RateLimitedError,
  ResponseFormatUnsupportedError,
  ToolChoiceUnsupportedError,
  UnauthorizedError,
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

describe('configuration errors', () => {
  const map = (status: number, body: unknown) =>
    errorFromResponse(status, JSON.stringify(body), new Headers(), 'http://h:8000/v1/chat/completions');
  const toolChoice = '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set';

  it('recognises vLLM without a tool-call parser in both body shapes, with the fix in the message', () => {
    for (const body of [
      { error: { message: toolChoice, type: 'BadRequestError', param: null, code: 400 } },
      { object: 'error', message: toolChoice, type: 'BadRequestError', param: null, code: 400 },
    ]) {
      const error = map(400, body);
      expect(error).toBeInstanceOf(ToolChoiceUnsupportedError);
      expect(error).toMatchObject({ code: 'tool_choice_unsupported', retryable: false });
      expect(error.message).toMatch(/--tool-call-parser <parser>.*tool_protocol: react-text/);
    }
  });

  it('recognises servers without structured output', () => {
    for (const message of [
      "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      "1 validation error for ChatCompletionRequest\nresponse_format.type\n  Input should be 'text' or 'json_object'",
      'The provided JSON schema contains features not supported by xgrammar.',
    ]) {
      expect(map(400, { error: { message } }), message).toBeInstanceOf(ResponseFormatUnsupportedError);
    }
  });

  it('counts unknown models, rejected keys, tool choice and response format as configuration errors, not other 400s', () => {
    expect(isConfigurationError(map(404, { message: 'The model `x` does not exist.' }))).toBe(true);
    expect(isConfigurationError(map(401, { detail: 'Invalid API key' }))).toBe(true);
    expect(map(401, { detail: 'Invalid API key' })).toBeInstanceOf(UnauthorizedError);
    expect(isConfigurationError(map(400, { error: { message: toolChoice } }))).toBe(true);
    const temperature = map(400, { error: { message: 'temperature must be <= 2' } });
    expect(temperature).toBeInstanceOf(BadRequestError);
    expect(isConfigurationError(temperature)).toBe(false);
    expect(isConfigurationError(map(500, { error: { message: 'boom' } }))).toBe(false);
  });
});
