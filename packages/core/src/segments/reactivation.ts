import type { CustomerSummary, ReactivationCandidate } from './types.ts'

export interface ReactivationOptions {
  readonly inactivityDays: number
  /** Ignore customers inactive for longer than this (probably gone for good). Default: no limit. */
  readonly maxInactiveDays?: number | null
  /** Only customers with at least this many orders. Default 1. */
  readonly minOrders?: number
}

/** Inactive customers worth a win-back campaign, most valuable first. */
export function reactivationCandidates(
  customers: readonly CustomerSummary[],
  now: Date,
  options: ReactivationOptions,
): ReactivationCandidate[] {
  throw new Error(
    `reactivationCandidates: not implemented yet (${customers.length} ${now.getTime()} ${options.inactivityDays})`,
  )
}
