import { describe, expect, it } from 'vitest';
import { KeyedChain } from './keyed-chain';

describe('KeyedChain', () => {
  it('runs the tasks of one key in call order and lets a failure reject only its own task', async () => {
    const errors: Array<[string, string]> = [];
    const chain = new KeyedChain((key, error) => errors.push([key, (error as Error).message]));
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = chain.run('a', async () => {
      await gate;
      order.push('a1');
    });
    const failing = chain.run('a', async () => {
      order.push('a2');
      throw new Error('boom');
    });
    const third = chain.run('a', async () => {
      order.push('a3');
    });
    const other = chain.run('b', async () => {
      order.push('b1');
    });
    await other;
    expect(order).toEqual(['b1']);
    release();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(errors).toEqual([['a', 'boom']]);
  });

  it('settles per key and for every key, and forgets keys once idle', async () => {
    const chain = new KeyedChain();
    const done: string[] = [];
    void chain.run('a', async () => {
      done.push('a');
    });
    void chain.run('b', async () => {
      done.push('b');
    });
    await chain.settled('a');
    expect(done).toContain('a');
    await chain.allSettled();
    expect(done.sort()).toEqual(['a', 'b']);
    await chain.settled('unknown');
    await Promise.resolve();
    expect(chain.size).toBe(0);
  });
});
