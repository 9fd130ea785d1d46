interface Seen {
  first: number
  count: number
}

/** One generation: per link, per key (a visitor hash, an IP address). */
type Generation = Map<number, Map<string, Seen>>

/**
 * Per-link click memory for the hot path, kept in process (no network I/O before the 302):
 * - unique clicks: the first click from a visitor hash on a link within `windowMs` is unique;
 * - click floods: how many clicks one IP made on one link within the window (core scores it).
 * Two generations of maps, swapped every window, give a sliding window of one to two windows with
 * bounded memory; a generation that reaches maxEntries is swapped early (the window shrinks
 * under extreme cardinality instead of the process growing without bound). Each replica
 * remembers its own clicks: behind a load balancer, use sticky routing by IP for exact uniques.
 * Keys are kept per link rather than as one "link:key" string: a concatenated key is a new string
 * to hash on every click, where an IP address string is the socket's own, hashed once.
 */
export class RecentClicks {
  private current: Generation = new Map()
  private previous: Generation = new Map()
  private currentSize = 0
  private swappedAt: number

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries: number,
    now: number,
  ) {
    this.swappedAt = now
  }

  /** Records a click of `key` on `linkId` at `now`; returns its count in the window (1: the first). */
  hit(linkId: number, key: string, now: number): number {
    if (now - this.swappedAt >= this.windowMs || this.currentSize >= this.maxEntries) {
      this.previous = this.current
      this.current = new Map()
      this.currentSize = 0
      this.swappedAt = now
    }
    let keys = this.current.get(linkId)
    if (!keys) {
      keys = new Map()
      this.current.set(linkId, keys)
    }
    let seen = keys.get(key)
    if (!seen) {
      const old = this.previous.get(linkId)?.get(key)
      seen =
        old && now - old.first < this.windowMs
          ? { first: old.first, count: old.count }
          : { first: now, count: 0 }
      keys.set(key, seen)
      this.currentSize++
    }
    if (now - seen.first >= this.windowMs) {
      seen.first = now
      seen.count = 0
    }
    return ++seen.count
  }
}
