import { describe, expect, it } from 'vitest';
import { assertSafeBinding } from '../start-server';
import { LOOPBACK_HOSTS, urlHost } from './loopback';

describe('loopback hosts', () => {
  it('brackets IPv6 literals for URLs and leaves other hosts alone', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('[::1]')).toBe('[::1]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(urlHost('localhost')).toBe('localhost');
  });

  it('knows IPv6 loopback in both spellings, and no other address', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(LOOPBACK_HOSTS.has(host)).toBe(true);
    expect(LOOPBACK_HOSTS.has('0.0.0.0')).toBe(false);
  });

  it('refuses a non-loopback binding without a token', () => {
    expect(() => assertSafeBinding({ host: '0.0.0.0', apiToken: undefined })).toThrow(/AIME_API_TOKEN/);
    expect(() => assertSafeBinding({ host: '0.0.0.0', apiToken: 'secret' })).not.toThrow();
    expect(() => assertSafeBinding({ host: '::1', apiToken: undefined })).not.toThrow();
  });
});
