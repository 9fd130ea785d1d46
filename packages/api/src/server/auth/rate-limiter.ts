export interface RateLimitDecision {
  allowed: boolean
  /** When allowed is false: how long until the next attempt is accepted. */
  retryAfterMs: number
}

const MAX_KEYS = 10_000

interface Entry {
  failures: number
  windowStart: number
}

/**
 * Failed-login limiter, in memory (one process; a restart forgives). A key gets `maxFailures`
 * failures per fixed window; a success clears it. Old entries are swept as the map grows.
 */
export class LoginRateLimiter {
  readonly #entries = new Map<string, Entry>()
  readonly #maxFailures: number
  readonly #windowMs: number
  readonly #now: () => number

  constructor(opts: { maxFailures?: number; windowMs?: number; now?: () => number } = {}) {
    this.#maxFailures = opts.maxFailures ?? 5
    this.#windowMs = opts.windowMs ?? 15 * 60_000
    this.#now = opts.now ?? Date.now
  }

  check(key: string): RateLimitDecision {
    const entry = this.#live(key)
    if (!entry || entry.failures < this.#maxFailures) return { allowed: true, retryAfterMs: 0 }
    return { allowed: false, retryAfterMs: entry.windowStart + this.#windowMs - this.#now() }
  }

  recordFailure(key: string): void {
    const entry = this.#live(key)
    if (entry) entry.failures += 1
    else {
      if (this.#entries.size >= MAX_KEYS) this.#sweep()
      this.#entries.set(key, { failures: 1, windowStart: this.#now() })
    }
  }

  reset(key: string): void {
    this.#entries.delete(key)
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry && entry.windowStart + this.#windowMs <= this.#now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  #sweep(): void {
    const now = this.#now()
    for (const [key, entry] of this.#entries) {
      if (entry.windowStart + this.#windowMs <= now) this.#entries.delete(key)
    }
    // Still full (a flood of distinct keys): forget the oldest rather than grow without bound.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < MAX_KEYS) break
      this.#entries.delete(key)
    }
  }
}
