import type { Random } from './random.ts'

export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000

/** What every part of the scenario shares: the clock everything is relative to, the scale, the PRNG. */
export interface SeedContext {
  readonly now: Date
  readonly nowMs: number
  /** 1 = the full demo (~200k clicks); tests use a fraction. */
  readonly scale: number
  readonly rng: Random
  readonly log: (line: string) => void
}

export function daysAgo(ctx: SeedContext, days: number): Date {
  return new Date(ctx.nowMs - Math.round(days * DAY_MS))
}

/** A count scaled down for tests, never below `min` so every kind of row still exists. */
export function scaled(ctx: SeedContext, full: number, min: number): number {
  return Math.max(min, Math.round(full * ctx.scale))
}
