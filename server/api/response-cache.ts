// Serialised indicator responses, per data version: a repeat request (the common case, every
// user of a dashboard page asks for the same few slices) skips computing comparisons,
// validating and serialising. Keyed on the data context, so a new load starts an empty cache;
// least recently used entries go first once the cache holds `maxBytes`.

export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Buffer): void {
    if (value.byteLength > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.byteLength;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.byteLength;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

/** 64 MB: thousands of slices (a few KB each) for every LA of England, well inside the server's memory target. */
export const RESPONSE_CACHE_BYTES = 64 * 2 ** 20;

const caches = new WeakMap<object, ResponseCache>();

/** The cache of one data version (one data context object). */
export function responseCacheFor(context: object, maxBytes = RESPONSE_CACHE_BYTES): ResponseCache {
  let cache = caches.get(context);
  if (!cache) caches.set(context, (cache = new ResponseCache(maxBytes)));
  return cache;
}
