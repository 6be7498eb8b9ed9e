import { describe, expect, it } from 'vitest';
import { promiseCache } from '../src/cache.js';

describe('promiseCache', () => {
  it('shares one promise per key', async () => {
    const cache = promiseCache<string, number>();
    let calls = 0;
    const make = async () => ++calls;
    expect(await Promise.all([cache('a', make), cache('a', make), cache('b', make)])).toEqual([1, 1, 2]);
  });

  it('forgets a failure, so the next call tries again', async () => {
    const cache = promiseCache<string, string>();
    await expect(cache('x', async () => Promise.reject(new Error('first try fails')))).rejects.toThrow(
      'first try fails',
    );
    await expect(cache('x', async () => 'second try works')).resolves.toBe('second try works');
  });
});
