import { describe, expect, it } from 'vitest';
import { loadServiceSettings } from './service-settings';

describe('service settings from the environment', () => {
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

  it('trims the API token, refuses a blank one, and binds [::1] without its URL brackets', () => {
    expect(loadServiceSettings({ AIME_API_TOKEN: '  s3cret \n' }).apiToken).toBe('s3cret');
    expect(() => loadServiceSettings({ AIME_API_TOKEN: '   ' })).toThrow(/AIME_API_TOKEN: .*only whitespace/);
    expect(loadServiceSettings({ AIME_HOST: '[::1]' }).host).toBe('::1');
    expect(loadServiceSettings({ AIME_HOST: '::1' }).host).toBe('::1');
  });
});
