import { describe, expect, it } from 'vitest';
import { defaultLogLevel, readyLine } from './ready-line';

describe('readyLine', () => {
  it('names the address, the offline model and the traces directory in one line', () => {
    const line = readyLine({
      url: 'http://127.0.0.1:8765',
      model: { provider: 'offline', model: 'offline' },
      tracesDir: '/srv/aime/traces',
    });
    expect(line).toMatch(
      /^GEPA-AIME ready on http:\/\/127\.0\.0\.1:8765 — offline model, traces in \/srv\/aime\/traces/,
    );
    expect(line).toContain('http://127.0.0.1:8765/docs');
    expect(line).not.toContain('\n');
  });

  it('names a served model and its provider', () => {
    const line = readyLine({ url: 'http://[::1]:9000', model: { provider: 'vllm', model: 'qwen3' }, tracesDir: '/t' });
    expect(line).toContain('model qwen3 (vllm)');
  });
});

describe('defaultLogLevel', () => {
  it('keeps request lines out of a terminal but logs them for pipes and files', () => {
    expect(defaultLogLevel({}, true)).toBe('warn');
    expect(defaultLogLevel({}, false)).toBe('info');
  });

  it('lets AIME_LOG_LEVEL decide either way', () => {
    expect(defaultLogLevel({ AIME_LOG_LEVEL: 'debug' }, true)).toBe('debug');
    expect(defaultLogLevel({ AIME_LOG_LEVEL: 'error' }, false)).toBe('error');
  });
});
