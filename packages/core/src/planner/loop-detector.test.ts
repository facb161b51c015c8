import { describe, expect, it } from 'vitest';
import { canonicalJson, ToolLoopDetector } from './loop-detector';

describe('ToolLoopDetector', () => {
  it('flags the third identical call, ignoring key order and whitespace in JSON text', () => {
    const detector = new ToolLoopDetector(3);
    expect(detector.record('list_dir', '{"path": ".", "depth": 1}')).toBe(false);
    expect(detector.record('list_dir', { depth: 1, path: '.' })).toBe(false);
    expect(detector.record('read_file', { path: '.' })).toBe(false);
    expect(detector.record('list_dir', '{"depth":1,"path":"."}')).toBe(true);
  });

  it('treats different arguments as different calls', () => {
    const detector = new ToolLoopDetector(2);
    expect(detector.record('read_file', { path: 'a' })).toBe(false);
    expect(detector.record('read_file', { path: 'b' })).toBe(false);
    expect(detector.record('read_file', { path: 'a' })).toBe(true);
  });

  it('canonicalises nested objects and tolerates non-JSON text', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [2, 1] })).toBe('{"a":[2,1],"b":{"c":2,"d":1}}');
    expect(canonicalJson(' not json ')).toBe('"not json"');
  });
});
