import { describe, expect, it } from 'vitest';
import { socketProtocols } from './socket-protocols';

describe('socketProtocols', () => {
  it('carries no token without one', () => {
    expect(socketProtocols(null)).toEqual([]);
    expect(socketProtocols('')).toEqual([]);
  });

  it('encodes the token as base64url (no padding) behind aime.bearer., next to the plain protocol', () => {
    const token = 'tøken+/=?';
    const [plain, carrier] = socketProtocols(token);
    expect(plain).toBe('aime');
    expect(carrier).toMatch(/^aime\.bearer\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from((carrier as string).slice('aime.bearer.'.length), 'base64url').toString('utf8')).toBe(token);
  });
});
