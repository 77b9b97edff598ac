import type { DataContext } from '../data-context.ts';

// Results cached per data version, as the indicator engine does: the cache hangs off the
// DataContext, which a new load replaces, so the next load starts an empty cache and the old
// one is garbage-collected with its context. A failed computation is forgotten, not cached.

const caches = new WeakMap<DataContext, Map<string, Promise<unknown>>>();

export function cached<T>(context: DataContext, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(context);
  if (!cache) {
    cache = new Map();
    caches.set(context, cache);
  }
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = compute();
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}
