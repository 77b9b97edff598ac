// Results computed from one data version (one load run), kept as promises so concurrent
// requests share one computation. The indicator engine, the analytics endpoints and the
// forecast all cache through this one helper.
//
// - Entries hang off an owner object (a DataContext, or the Database with its run id as the
//   version) in a WeakMap: a new load brings a new context (or run id), so the next request
//   starts an empty cache and the old entries are garbage-collected with their owner.
// - A computation that fails (or throws) is forgotten, not cached: the next request retries.
// - Optionally bounded: past `maxEntries` per owner the least recently used entry goes (its
//   callers keep their promise; the next request for it computes again).

export interface VersionedCacheOptions {
  /** Most entries kept per owner and version (least recently used out past it); default no bound. */
  maxEntries?: number;
}

interface Generation<T> {
  version: number | string;
  entries: Map<string, Promise<T>>;
}

export class VersionedCache<T> {
  private readonly generations = new WeakMap<object, Generation<T>>();
  private readonly maxEntries: number;

  constructor(options: VersionedCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? Infinity;
    if (!(this.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, got ${options.maxEntries}`);
  }

  /** The cached result of `key` for this owner and version, computing it on a miss. */
  get(owner: object, version: number | string, key: string, compute: () => Promise<T>): Promise<T> {
    const entries = this.entriesOf(owner, version);
    const hit = entries.get(key);
    if (hit) {
      // Most recently used last, so eviction takes the first.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    let entry: Promise<T>;
    try {
      entry = compute();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    entries.set(key, entry);
    // Only this entry is forgotten: a replacement set since (after a retry) stays.
    entry.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    while (entries.size > this.maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
    return entry;
  }

  /** How many entries the owner holds for its current version (for tests and diagnostics). */
  size(owner: object): number {
    return this.generations.get(owner)?.entries.size ?? 0;
  }

  private entriesOf(owner: object, version: number | string): Map<string, Promise<T>> {
    let generation = this.generations.get(owner);
    if (!generation || generation.version !== version) {
      generation = { version, entries: new Map() };
      this.generations.set(owner, generation);
    }
    return generation.entries;
  }
}
