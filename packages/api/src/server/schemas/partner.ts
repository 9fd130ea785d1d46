import { z } from 'zod'
import {
  checkDayRange,
  dayRangeShape,
  daySchema,
  instantSchema,
  moneySchema,
  pageOf,
  pageShape,
} from './common.ts'

// dashboard.summary
export const dashboardSummaryInput = z.object({ ...dayRangeShape }).superRefine(checkDayRange)

export const dashboardDaySchema = z.object({
  day: daySchema,
  clicks: z.number().int(),
  conversions: z.number().int(),
  /** Pending + approved + paid earnings created that day, in `currency` only. */
  earningsMinor: z.number().int(),
})

export const dashboardSummaryOutput = z.object({
  from: daySchema,
  to: daySchema,
  /** Human clicks (bots excluded) on the partner's links. */
  clicks: z.number().int(),
  uniqueClicks: z.number().int(),
  /** The partner's conversions in the range, rejected excluded. */
  conversions: z.number().int(),
  /**
   * The partner's balances today, per currency, whatever the range: what a partner asks is
   * "what is waiting, what will I be paid next, what have I been paid".
   */
  earnings: z.object({
    /** Not yet approved (in the hold period). */
    pending: z.array(moneySchema),
    /** Approved and not in a paid payout: the next payout (negative after clawbacks). */
    approved: z.array(moneySchema),
    /** In a payout whose status is paid, to date. */
    paid: z.array(moneySchema),
  }),
  /** Referral rewards earned as a referrer (store credit and cash), today's balances. */
  rewards: z.object({
    /** Waiting for the friend's purchase to qualify (hold period). */
    pending: z.array(moneySchema),
    /** Qualified or issued. */
    earned: z.array(moneySchema),
    /** Friends referred who bought (rewards of any status). */
    referrals: z.number().int(),
  }),
  /** Currency of byDay.earningsMinor (the partner's main earning currency); null when none. */
  currency: z.string().nullable(),
  /** Every day of the range, zero-filled. */
  byDay: z.array(dashboardDaySchema),
})

// links.list
export const partnerLinkSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string().nullable(),
  programId: z.string(),
  programName: z.string(),
  trackingUrl: z.string(),
  /** Sub-ids and UTM fields saved with the link (its tracking URL carries them). */
  params: z.record(z.string(), z.string()),
  destinationUrl: z.string(),
  status: z.enum(['active', 'paused']),
  /** Human clicks in the last 30 days (UTC, today included). */
  clicks30d: z.number().int(),
})
export const partnerLinksOutput = z.array(partnerLinkSchema)

// coupons.list
export const couponDiscountSchema = z.union([
  z.object({ kind: z.literal('percent'), bps: z.number().int() }),
  z.object({ kind: z.literal('fixed'), amountMinor: z.number().int(), currency: z.string() }),
])
export const partnerCouponSchema = z.object({
  id: z.string(),
  code: z.string(),
  programId: z.string(),
  programName: z.string(),
  /** What the shopper gets; null when not set or not in a known shape. */
  discount: couponDiscountSchema.nullable(),
  status: z.enum(['active', 'paused']),
})
export const partnerCouponsOutput = z.array(partnerCouponSchema)

// conversions.list
export const partnerConversionsInput = z.object({ ...pageShape })
export const partnerConversionSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  event: z.string(),
  orderId: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'reversed']),
  amount: moneySchema,
  /** This partner's own ledger rows for the conversion (rejected excluded), per currency. */
  commission: z.array(moneySchema),
  occurredAt: instantSchema,
})
export const partnerConversionsOutput = pageOf(partnerConversionSchema)
