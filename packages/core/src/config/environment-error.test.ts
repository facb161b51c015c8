import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { loadServiceSettings } from './service-settings';
import { loadWebSearchSettings } from './web-search-settings';

describe('environment settings errors', () => {
  it('name the variable behind each invalid service setting', () => {
    expect(() => loadServiceSettings({ AIME_PORT: 'abc', AIME_CONCURRENCY: '0' })).toThrow(
      /^environment: AIME_PORT: .*; AIME_CONCURRENCY: /,
    );
    expect(loadServiceSettings({ AIME_RATE_LIMIT: '5', AIME_CONFIG_DIR: 'conf' })).toMatchObject({
      rateLimit: 5,
      configDir: 'conf',
      port: 8765,
    });
  });

  it('name the web search variable, the URL one for a missing searxng URL', () => {
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'searxng' })).toThrow(
      'environment: AIME_SEARCH_URL: url is required when backend is searxng',
    );
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'bing' })).toThrow(/^environment: AIME_SEARCH_BACKEND: /);
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'bing' })).toThrow(ConfigError);
  });
});
