interface Seen {
  first: number
  count: number
}

/**
 * Per-key click memory for the hot path, kept in process (no network I/O before the 302):
 * - unique clicks: the first click from a visitor hash on a link within `windowMs` is unique;
 * - click floods: how many clicks one IP made on one link within the window (core scores it).
 * Two generations of maps, swapped every window, give a sliding window of one to two windows with
 * bounded memory; a generation that reaches maxEntries is swapped early (the window shrinks
 * under extreme cardinality instead of the process growing without bound). Each replica
 * remembers its own clicks: behind a load balancer, use sticky routing by IP for exact uniques.
 */
export class RecentClicks {
  private current = new Map<string, Seen>()
  private previous = new Map<string, Seen>()
  private swappedAt: number

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries: number,
    now: number,
  ) {
    this.swappedAt = now
  }

  /** Records a click for `key` at `now`; returns whether it is the first in the window and the count. */
  hit(key: string, now: number): { first: boolean; count: number } {
    if (now - this.swappedAt >= this.windowMs || this.current.size >= this.maxEntries) {
      this.previous = this.current
      this.current = new Map()
      this.swappedAt = now
    }
    let seen = this.current.get(key)
    if (!seen) {
      const old = this.previous.get(key)
      seen =
        old && now - old.first < this.windowMs
          ? { first: old.first, count: old.count }
          : { first: now, count: 0 }
      this.current.set(key, seen)
    }
    if (now - seen.first >= this.windowMs) {
      seen.first = now
      seen.count = 0
    }
    seen.count++
    return { first: seen.count === 1, count: seen.count }
  }
}
