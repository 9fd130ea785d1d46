import { formatMoney } from '../money/format.ts'
import { assertDate, daysBetween } from '../shared/time.ts'
import { assertCount, assertNonNegative } from '../shared/validate.ts'
import { buyerStatus } from './buyer-status.ts'
import type { CustomerSummary, ReactivationCandidate } from './types.ts'

export interface ReactivationOptions {
  readonly inactivityDays: number
  /** Ignore customers inactive for longer than this (probably gone for good). Default: no limit. */
  readonly maxInactiveDays?: number | null
  /** Only customers with at least this many orders. Default 1. */
  readonly minOrders?: number
}

/** Inactive customers worth a win-back campaign: most spent first, then most recently lapsed. */
export function reactivationCandidates(
  customers: readonly CustomerSummary[],
  now: Date,
  options: ReactivationOptions,
): ReactivationCandidate[] {
  assertDate(now, 'now')
  const minOrders = assertCount(options.minOrders ?? 1, 'minOrders')
  const maxDays =
    options.maxInactiveDays == null ? null : assertNonNegative(options.maxInactiveDays, 'maxInactiveDays')
  const out: ReactivationCandidate[] = []
  for (const customer of customers) {
    if (buyerStatus(customer, now, { inactivityDays: options.inactivityDays }) !== 'inactive') continue
    if (customer.orderCount < minOrders) continue
    const daysInactive = daysBetween(customer.lastPurchaseAt!, now)
    if (maxDays !== null && daysInactive > maxDays) continue
    out.push({
      customerId: customer.customerId,
      daysInactive,
      totalSpent: customer.totalSpent,
      orderCount: customer.orderCount,
      reason: `No purchase for ${daysInactive} days (window ${options.inactivityDays}); ${customer.orderCount} order(s), ${formatMoney(customer.totalSpent)} spent before`,
    })
  }
  return out.sort(
    (a, b) =>
      b.totalSpent.amountMinor - a.totalSpent.amountMinor ||
      a.daysInactive - b.daysInactive ||
      (a.customerId < b.customerId ? -1 : 1),
  )
}
