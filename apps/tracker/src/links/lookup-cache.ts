export interface LookupCacheOptions<V> {
  /** Loads a missing key; null means "does not exist" (cached too, for negativeTtlMs). */
  load(key: string): Promise<V | null>
  ttlMs: number
  negativeTtlMs: number
  maxEntries: number
  onHit?: () => void
  onMiss?: () => void
  now?: () => number
}

interface Entry<V> {
  value: V | null
  expiresAt: number
}

/**
 * An in-process read-through cache for the hot path:
 * - a hit returns the value synchronously (no promise, no tick);
 * - one load per missing key however many requests wait on it (single flight);
 * - "not found" is cached too, so a scan of random codes cannot hammer Postgres;
 * - entries expire after a TTL as a safety net; change notifications invalidate them sooner.
 */
export class LookupCache<V> {
  private readonly entries = new Map<string, Entry<V>>()
  private readonly inflight = new Map<string, Promise<V | null>>()
  /** Bumped by invalidations: a load that started before one must not store its stale result. */
  private generation = 0
  private readonly now: () => number

  constructor(private readonly options: LookupCacheOptions<V>) {
    this.now = options.now ?? Date.now
  }

  /** The cached value (or null for a cached miss), or a promise when the key must be loaded. */
  get(key: string): V | null | Promise<V | null> {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt > this.now()) {
      this.options.onHit?.()
      return entry.value
    }
    this.options.onMiss?.()
    return this.load(key)
  }

  /** Drops one key, e.g. after a NOTIFY that the link changed. */
  invalidate(key: string): void {
    this.generation++
    this.entries.delete(key)
  }

  /** Drops every key whose value matches, e.g. all links of a program that changed. */
  invalidateWhere(predicate: (value: V) => boolean): void {
    this.generation++
    for (const [key, entry] of this.entries) {
      if (entry.value === null || predicate(entry.value)) this.entries.delete(key)
    }
  }

  clear(): void {
    this.generation++
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }

  private load(key: string): Promise<V | null> {
    const pending = this.inflight.get(key)
    if (pending) return pending
    const generation = this.generation
    const promise = this.options
      .load(key)
      .then((value) => {
        if (generation === this.generation) this.store(key, value)
        return value
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise)
    return promise
  }

  private store(key: string, value: V | null): void {
    if (this.entries.size >= this.options.maxEntries) {
      // Map iteration is insertion order: drop the oldest tenth in one go.
      let drop = Math.ceil(this.options.maxEntries / 10)
      for (const k of this.entries.keys()) {
        this.entries.delete(k)
        if (--drop <= 0) break
      }
    }
    const ttl = value === null ? this.options.negativeTtlMs : this.options.ttlMs
    this.entries.set(key, { value, expiresAt: this.now() + ttl })
  }
}
