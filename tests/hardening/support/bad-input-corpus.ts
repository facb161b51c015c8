/** One generated request against the service, with what a 4xx answer must name. */
export interface BadInputCase {
  label: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  /** A raw body (sent as is) — strings and buffers are not re-serialised. */
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** A 4xx message must contain one of these (the field or the reason), case-insensitive. */
  names?: string[];
}

const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** JSON texts of values that are wrong (or dangerous) in some position; built as text so keys like __proto__ stay own keys. */
export const BAD_VALUES: Array<[string, string]> = [
  ['null', 'null'],
  ['true', 'true'],
  ['false', 'false'],
  ['zero', '0'],
  ['negative', '-1'],
  ['float', '1.5'],
  ['huge number', '1e308'],
  ['long integer', '9'.repeat(400)],
  ['empty string', '""'],
  ['blank string', '"   \\t\\n"'],
  ['numeric string', '"5"'],
  ['over-long string', JSON.stringify('x'.repeat(8001))],
  ['60 KB string', JSON.stringify('y'.repeat(60_000))],
  ['NUL string', '"\\u0000"'],
  ['lone surrogate', '"\\ud800"'],
  ['emoji string', JSON.stringify('🦄'.repeat(100))],
  ['right-to-left override', JSON.stringify('\u202Egoal\u202C')],
  ['zero-width characters', JSON.stringify('\u200B\u200C\u200D\uFEFF')],
  ['combining marks', JSON.stringify(`a${'\u0301'.repeat(500)}`)],
  ['html', JSON.stringify('<script>alert(1)</script>')],
  ['path string', JSON.stringify('../../etc/passwd')],
  ['empty array', '[]'],
  ['array', '[1,"two",null]'],
  ['empty object', '{}'],
  ['object', '{"goal":"nested"}'],
  ['deep object', deepObject(200)],
  ['deep array', deepArray(5_000)],
  ['__proto__ object', '{"__proto__":{"polluted":true}}'],
  ['constructor.prototype object', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['wide array', `[${Array.from({ length: 2_000 }, (_unused, index) => index).join(',')}]`],
];

/** Strings that are wrong as query values or ids in some position (already URL-encoded). */
const BAD_QUERY_VALUES: Array<[string, string]> = [
  ['empty', ''],
  ['word', 'abc'],
  ['negative', '-1'],
  ['float', '1.5'],
  ['overflow', '1e400'],
  ['NaN', 'NaN'],
  ['hex', '0x10'],
  ['space', '%20'],
  ['NUL', '%00'],
  ['unicode', '%F0%9F%A6%84'],
  ['long', 'z'.repeat(5_000)],
  ['__proto__', '__proto__'],
  ['bracket', '%5B%5D'],
  ['bad percent', '%zz'],
  ['comma list', '%2C%2C'],
];

const BAD_IDS: Array<[string, string]> = [
  ['dot', '.'],
  ['dot dot', '..'],
  ['three dots', '...'],
  ['encoded dot dot', '%2e%2e'],
  ['encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['encoded slash', 'a%2Fb'],
  ['NUL', '%00'],
  ['embedded NUL', 'run%00x'],
  ['129 characters', 'x'.repeat(129)],
  ['5000 characters', 'x'.repeat(5_000)],
  ['emoji', '%F0%9F%A6%84'],
  ['right-to-left override', '%E2%80%AE'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['toString', 'toString'],
  ['hasOwnProperty', 'hasOwnProperty'],
  ['hidden', '.hidden'],
  ['leading dash', '-run'],
  ['space', 'a%20b'],
  ['percent', '%25'],
  ['bad percent', '%zz'],
  ['star', '*'],
  ['unknown but valid', 'run-20260101-000000-deadbeef'],
  ['dotted traversal', 'run..x'],
  ['backslash', 'a%5Cb'],
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/jsonp',
  'application/json; charset=utf-16',
  'image/png',
  'application/javascript',
];

const RAW_BODIES: Array<[string, string | Buffer]> = [
  ['empty body', ''],
  ['open brace', '{'],
  ['close brace', '}'],
  ['truncated', '{"goal":'],
  ['trailing comma', '{"goal":"x",}'],
  ['single quotes', "{'goal':'x'}"],
  ['unquoted key', '{goal:"x"}'],
  ['NaN literal', '{"goal":"x","maxIterations":NaN}'],
  ['Infinity literal', '{"goal":"x","maxIterations":Infinity}'],
  ['comment', '{"goal":"x" /* c */}'],
  ['trailing garbage', '{"goal":"x"}garbage'],
  ['two documents', '{"goal":"x"}{"goal":"y"}'],
  ['byte order mark', '\uFEFF{"goal":"x"}'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x67, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['control character in string', '{"goal":"a\u0001b"}'],
  ['bad escape', '{"goal":"\\x41"}'],
  ['deep array body', deepArray(20_000)],
  ['deep object body', deepObject(8_000)],
  ['over body limit', JSON.stringify({ goal: 'z'.repeat(70_000) })],
  ['top-level __proto__', '{"__proto__":{"goal":"polluted"}}'],
  ['nested __proto__', '{"goal":"x","maxIterations":{"__proto__":{"polluted":true}}}'],
  ['top-level constructor', '{"goal":"x","constructor":{"prototype":{"polluted":true}}}'],
  [
    'many keys',
    JSON.stringify(Object.fromEntries(Array.from({ length: 3_000 }, (_unused, index) => [`k${index}`, index]))),
  ],
  ['long key', `{"${'k'.repeat(20_000)}":1}`],
  ['whitespace only', '   \n\t  '],
];

/** ≥ 500 malformed requests over every route: bodies, content types, ids, query strings, methods, headers. */
export function buildBadInputCorpus(existingRunId: string): BadInputCase[] {
  const cases: BadInputCase[] = [];
  const json = { 'content-type': 'application/json' };
  const runRoutes = (id: string) => [
    { method: 'GET' as const, url: `/runs/${id}` },
    { method: 'GET' as const, url: `/runs/${id}/events` },
    { method: 'GET' as const, url: `/runs/${id}/events?after=1&limit=5` },
    { method: 'POST' as const, url: `/runs/${id}/cancel` },
  ];

  for (const field of ['goal', 'maxIterations', 'maxParallelActors']) {
    for (const [label, value] of BAD_VALUES) {
      const body = field === 'goal' ? `{"goal":${value}}` : `{"goal":"A valid goal","${field}":${value}}`;
      cases.push({
        label: `POST /runs ${field} = ${label}`,
        method: 'POST',
        url: '/runs',
        payload: body,
        headers: json,
        names: [`body.${field}`, field, 'body', 'json', 'too large', 'prototype', 'nest'],
      });
    }
  }
  for (const key of ['__proto__', 'constructor', 'prototype', 'priority', 'goal ', 'Goal', '', '\u0000']) {
    for (const [label, value] of BAD_VALUES.slice(0, 8)) {
      cases.push({
        label: `POST /runs extra key ${JSON.stringify(key)} = ${label}`,
        method: 'POST',
        url: '/runs',
        payload: `{"goal":"A valid goal",${JSON.stringify(key)}:${value}}`,
        headers: json,
        // __proto__ / constructor.prototype keys are refused by name ("forbidden key … (prototype pollution)").
        names: [key === '' ? 'body.' : `body.${key}`, 'not a known field', 'prototype', 'forbidden'],
      });
    }
  }
  for (const [label, value] of BAD_VALUES) {
    for (const url of ['/runs', `/runs/${existingRunId}/cancel`]) {
      cases.push({
        label: `POST ${url} whole body = ${label}`,
        method: 'POST',
        url,
        payload: value,
        headers: json,
        names: ['body', 'goal', 'json', 'prototype', 'object', 'nest'],
      });
    }
  }
  for (const [label, payload] of RAW_BODIES) {
    for (const url of ['/runs', `/runs/${existingRunId}/cancel`]) {
      cases.push({
        label: `POST ${url} raw ${label}`,
        method: 'POST',
        url,
        payload,
        headers: json,
        names: ['json', 'body', 'prototype', 'too large', 'not a known field', 'empty', 'nest', 'object'],
      });
    }
  }
  for (const contentType of CONTENT_TYPES) {
    for (const url of ['/runs', `/runs/${existingRunId}/cancel`]) {
      cases.push({
        label: `POST ${url} content-type ${contentType}`,
        method: 'POST',
        url,
        payload: 'goal=hello',
        headers: { 'content-type': contentType },
        names: ['media type', 'content-type', 'content type', 'json', 'body'],
      });
    }
  }
  for (const [label, id] of BAD_IDS) {
    for (const route of runRoutes(id)) {
      cases.push({
        label: `${route.method} ${route.url.slice(0, 60)} (${label})`,
        ...route,
        names: ['id', 'not found', 'no route', 'param length', 'not allowed'],
      });
    }
  }
  for (const [label, value] of BAD_QUERY_VALUES) {
    for (const parameter of ['status', 'cursor', 'limit']) {
      cases.push({
        label: `GET /runs?${parameter}=${label}`,
        method: 'GET',
        url: `/runs?${parameter}=${value}`,
        names: [`querystring.${parameter}`, parameter],
      });
    }
    for (const parameter of ['after', 'limit']) {
      cases.push({
        label: `GET /runs/:id/events?${parameter}=${label}`,
        method: 'GET',
        url: `/runs/${existingRunId}/events?${parameter}=${value}`,
        names: [`querystring.${parameter}`, parameter],
      });
    }
    for (const url of ['/gepa', '/health', '/ready', '/metrics']) {
      cases.push({ label: `GET ${url}?junk=${label}`, method: 'GET', url: `${url}?junk=${value}&${value}=1` });
    }
  }
  const extraQueries = [
    'limit=1&limit=2',
    'status=completed&status=failed',
    'status=completed,bogus',
    'status=COMPLETED',
    'limit=100&limit=abc',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    'cursor=eyJ0cyI6MX0',
    'cursor=%7B%7D',
    `limit=${'9'.repeat(400)}`,
  ];
  for (const query of extraQueries) {
    cases.push({
      label: `GET /runs?${query}`,
      method: 'GET',
      url: `/runs?${query}`,
      names: ['querystring', 'limit', 'status', 'cursor'],
    });
    cases.push({
      label: `GET /runs/:id/events?${query}`,
      method: 'GET',
      url: `/runs/${existingRunId}/events?${query.replace('status', 'after').replace('cursor', 'after')}`,
      names: ['querystring', 'after', 'limit'],
    });
  }
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    for (const url of ['/runs', `/runs/${existingRunId}`, `/runs/${existingRunId}/events`, '/gepa', '/health']) {
      cases.push({ label: `${method} ${url}`, method, url, names: ['not found', 'route', 'not allowed'] });
    }
  }
  for (const url of ['/runs/', '/runs//events', '/runs/%2F/events', '/docs/json?x=%zz', '/%2e%2e/etc/passwd']) {
    cases.push({ label: `GET ${url}`, method: 'GET', url, names: ['not found', 'id', 'route'] });
  }
  for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '[::2]', 'x'.repeat(300)]) {
    cases.push({
      label: `GET /runs with Host ${host.slice(0, 40)}`,
      method: 'GET',
      url: '/runs',
      headers: { host },
      names: ['host'],
    });
  }
  return cases;
}

/** Authorization headers that must all be refused (401) by a token-protected server, naming why. */
export const BAD_AUTHORIZATION_HEADERS: string[] = [
  '',
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Bearer wrong-token',
  'Bearer correct-token-but-longer',
  `Bearer ${'x'.repeat(10_000)}`,
  'bearer',
  'Token correct-token',
  'Bearer correct\ttoken',
];
