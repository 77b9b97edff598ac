import { describe, expect, it } from 'vitest';
import { ResponseCache, responseCacheFor } from '../../server/api/response-cache.ts';

const buf = (n: number, fill = 'x') => Buffer.from(fill.repeat(n));

describe('the response cache', () => {
  it('returns what was stored', () => {
    const cache = new ResponseCache(100);
    cache.set('a', buf(10, 'a'));
    expect(cache.get('a')?.toString()).toBe('a'.repeat(10));
    expect(cache.get('b')).toBeUndefined();
  });

  it('drops the least recently used entries beyond its size', () => {
    const cache = new ResponseCache(30);
    cache.set('a', buf(10));
    cache.set('b', buf(10));
    cache.set('c', buf(10));
    cache.get('a'); // now b is the least recently used
    cache.set('d', buf(10));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.get('d')).toBeDefined();
    expect(cache.size).toEqual({ entries: 3, bytes: 30 });
  });

  it('replaces an entry without counting it twice, and never keeps one larger than itself', () => {
    const cache = new ResponseCache(30);
    cache.set('a', buf(10));
    cache.set('a', buf(20));
    expect(cache.size).toEqual({ entries: 1, bytes: 20 });
    cache.set('huge', buf(31));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size.bytes).toBe(20);
  });

  it('is one cache per data version (context object)', () => {
    const first = {};
    const second = {};
    responseCacheFor(first).set('k', buf(1));
    expect(responseCacheFor(first).get('k')).toBeDefined();
    expect(responseCacheFor(second).get('k')).toBeUndefined();
  });
});
