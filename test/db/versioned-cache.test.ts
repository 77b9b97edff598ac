import { describe, expect, it } from 'vitest';
import { VersionedCache } from '../../server/db/versioned-cache.ts';

// The one per-data-version cache (server/db/versioned-cache.ts) behind the indicator engine,
// the analytics endpoints and the forecast.

/** A promise settled from outside, to order settlements by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('VersionedCache', () => {
  it('computes a key once per owner and version, sharing the promise with concurrent callers', async () => {
    const cache = new VersionedCache<number>();
    const owner = {};
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    const [a, b] = [cache.get(owner, 1, 'k', compute), cache.get(owner, 1, 'k', compute)];
    expect(a).toBe(b);
    expect(await a).toBe(1);
    expect(await cache.get(owner, 1, 'k', compute)).toBe(1);
    expect(calls).toBe(1);
  });

  it('keeps owners apart and starts empty for a new version', async () => {
    const cache = new VersionedCache<string>();
    const first = {};
    const second = {};
    expect(await cache.get(first, 1, 'k', async () => 'first v1')).toBe('first v1');
    expect(await cache.get(second, 1, 'k', async () => 'second v1')).toBe('second v1');
    expect(await cache.get(first, 2, 'k', async () => 'first v2')).toBe('first v2');
    expect(await cache.get(first, 2, 'k', async () => 'not called')).toBe('first v2');
    expect(await cache.get(second, 1, 'k', async () => 'not called')).toBe('second v1');
  });

  it('forgets a failed computation, so the next request computes again', async () => {
    const cache = new VersionedCache<number>();
    const owner = {};
    await expect(cache.get(owner, 1, 'k', () => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(cache.size(owner)).toBe(0);
    expect(await cache.get(owner, 1, 'k', async () => 42)).toBe(42);
  });

  it('forgets a computation that throws before returning a promise', async () => {
    const cache = new VersionedCache<number>();
    const owner = {};
    await expect(
      cache.get(owner, 1, 'k', () => {
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(await cache.get(owner, 1, 'k', async () => 7)).toBe(7);
  });

  it('a late failure of a replaced entry does not evict its replacement', async () => {
    const cache = new VersionedCache<string>({ maxEntries: 1 });
    const owner = {};
    const slow = deferred<string>();
    const failing = cache.get(owner, 1, 'a', () => slow.promise);
    // 'b' pushes 'a' out (bound of 1); 'a' is asked again and computed afresh.
    await cache.get(owner, 1, 'b', async () => 'b');
    const again = cache.get(owner, 1, 'a', async () => 'a again');
    slow.reject(new Error('first attempt failed'));
    await expect(failing).rejects.toThrow('first attempt failed');
    expect(await again).toBe('a again');
    expect(await cache.get(owner, 1, 'a', async () => 'not called')).toBe('a again');
  });

  it('past maxEntries drops the least recently used entry', async () => {
    const cache = new VersionedCache<string>({ maxEntries: 2 });
    const owner = {};
    const calls: string[] = [];
    const compute = (key: string) => async () => {
      calls.push(key);
      return key;
    };
    await cache.get(owner, 1, 'a', compute('a'));
    await cache.get(owner, 1, 'b', compute('b'));
    await cache.get(owner, 1, 'a', compute('a')); // a used last: b is now the oldest
    await cache.get(owner, 1, 'c', compute('c')); // drops b
    expect(cache.size(owner)).toBe(2);
    await cache.get(owner, 1, 'a', compute('a'));
    await cache.get(owner, 1, 'b', compute('b'));
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses a bound below one', () => {
    expect(() => new VersionedCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
