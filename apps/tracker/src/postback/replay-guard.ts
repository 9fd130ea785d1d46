/**
 * Remembers signatures seen within their validity window, so a captured signed postback cannot be
 * replayed. In process: each replica guards its own requests; across replicas the
 * (program, event, order id) uniqueness still makes a replayed create a duplicate, never money.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 1_000_000,
  ) {}

  /** True the first time a signature is seen inside the window; false for a replay. */
  firstUse(signature: string, now: number): boolean {
    const expires = this.seen.get(signature)
    if (expires !== undefined && expires > now) return false
    if (this.seen.size >= this.maxEntries) this.sweep(now)
    this.seen.set(signature, now + this.windowMs)
    return true
  }

  /** Gives a signature back when its request failed before doing anything (it may be retried). */
  release(signature: string): void {
    this.seen.delete(signature)
  }

  sweep(now: number): void {
    for (const [sig, expires] of this.seen) if (expires <= now) this.seen.delete(sig)
    // Still full of live entries: drop the oldest (insertion order) rather than grow.
    if (this.seen.size >= this.maxEntries) {
      let drop = Math.ceil(this.maxEntries / 10)
      for (const sig of this.seen.keys()) {
        this.seen.delete(sig)
        if (--drop <= 0) break
      }
    }
  }
}
