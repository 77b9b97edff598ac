import { VersionedCache } from '../db/versioned-cache.ts';
import type { DataContext } from '../data-context.ts';

// Analytics results per data version, threshold and period, on the one per-data-version cache
// (server/db/versioned-cache.ts): the cache hangs off the DataContext, which a new load replaces.
// Unbounded: keys are endpoint names with a threshold and a period the data hold.

const analyticsCache = new VersionedCache<unknown>();

export function cached<T>(context: DataContext, key: string, compute: () => Promise<T>): Promise<T> {
  return analyticsCache.get(context, context.notice.data_version, key, compute) as Promise<T>;
}
