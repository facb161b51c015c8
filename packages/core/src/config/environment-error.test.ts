import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { loadWebSearchSettings } from './web-search-settings';

describe('environment settings errors', () => {
  it('name the web search variable, the URL one for a missing searxng URL', () => {
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'searxng' })).toThrow(
      'environment: AIME_SEARCH_URL: url is required when backend is searxng',
    );
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'bing' })).toThrow(/^environment: AIME_SEARCH_BACKEND: /);
    expect(() => loadWebSearchSettings({ AIME_SEARCH_BACKEND: 'bing' })).toThrow(ConfigError);
  });
});
