import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { findForbiddenKey, parseJsonBody } from './parse-json-body';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function post(testApp: TestApp, payload: string) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/runs',
    headers: { 'content-type': 'application/json' },
    payload,
  });
  return { statusCode: response.statusCode, body: response.json() };
}

describe('JSON request bodies', () => {
  it('refuses prototype-pollution keys with a 400 that names the key and where it is', async () => {
    harness = await createTestApp();
    harness.model.close();
    const cases: Array<[string, string, string]> = [
      ['{"goal":"A goal","__proto__":{"polluted":true}}', 'body.__proto__', 'forbidden key __proto__'],
      [
        '{"goal":"A goal","maxIterations":{"__proto__":{"polluted":true}}}',
        'body.maxIterations.__proto__',
        '__proto__',
      ],
      ['{"goal":"A goal","\\u005f_proto__":{"polluted":true}}', 'body.__proto__', '__proto__'],
      [
        '{"goal":"A goal","constructor":{"prototype":{"polluted":true}}}',
        'body.constructor',
        'forbidden key constructor.prototype',
      ],
      ['[{"a":[{"constructor":{"prototype":{}}}]}]', 'body.0.a.0.constructor', 'constructor.prototype'],
    ];
    for (const [payload, path, named] of cases) {
      const { statusCode, body } = await post(harness, payload);
      expect(statusCode, payload).toBe(400);
      expect(body).toEqual({
        statusCode: 400,
        error: 'bad_request',
        message: `${path}: ${named.startsWith('forbidden') ? named : `forbidden key ${named}`} (prototype pollution)`,
        fields: [{ path, message: 'forbidden key (prototype pollution)' }],
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(harness.app.aime.manager.list({ limit: 10 }).runs).toHaveLength(0);
  });

  it('says why a body is not JSON, and still accepts JSON that merely mentions the words', async () => {
    harness = await createTestApp();
    harness.model.close();
    const truncated = await post(harness, '{"goal":"A goal"');
    expect(truncated.statusCode).toBe(400);
    expect(truncated.body.message).toMatch(/^body: not valid JSON \(.+\)$/);
    expect(truncated.body.fields).toEqual([{ path: 'body', message: 'not valid JSON' }]);
    const empty = await post(harness, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body.message).toMatch(/^body: empty/);
    const harmless = await post(harness, '{"goal":"Explain __proto__, constructor.prototype and prototype pollution"}');
    expect(harmless.statusCode).toBe(202);
    const withBom = await post(harness, '\uFEFF{"goal":"A goal after a byte order mark"}');
    expect(withBom.statusCode).toBe(202);
  });
});

describe('parseJsonBody', () => {
  it('walks deeply nested bodies without recursion and finds nothing in clean ones', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(findForbiddenKey(parseJsonBody(deep))).toBeUndefined();
    const deepObject = `${'{"a":'.repeat(5_000)}{"__proto__":1}${'}'.repeat(5_000)}`;
    expect(() => parseJsonBody(deepObject)).toThrow(/forbidden key __proto__/);
    expect(findForbiddenKey({ constructor: 'a string', prototype: {} })).toBeUndefined();
    expect(parseJsonBody('{"constructor":null}')).toEqual({ constructor: null });
  });
});
