import type { Money } from '../money/money.ts'

/** A customer's purchase history, summarised by the caller. All totals in one currency. */
export interface CustomerSummary {
  readonly customerId: string
  readonly firstPurchaseAt: Date | null
  readonly lastPurchaseAt: Date | null
  /** Number of orders (net of fully refunded ones). */
  readonly orderCount: number
  /** Total spent, net of refunds. */
  readonly totalSpent: Money
  /** Friends this customer referred who qualified (for ambassador ranking). */
  readonly qualifiedReferrals?: number
}

export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new'
  | 'promising'
  | 'need_attention'
  | 'at_risk'
  | 'cannot_lose'
  | 'hibernating'
  | 'lost'

/**
 * A buyer's quintile scores 1–5 (5 = best: most recent, most frequent, most spent) and segment,
 * or, for a customer who never bought, no scores and the segment 'never_bought'.
 */
export type RfmScore =
  | {
      readonly customerId: string
      /** Days since the last purchase. */
      readonly recencyDays: number
      readonly r: number
      readonly f: number
      readonly m: number
      readonly segment: RfmSegment
    }
  | {
      readonly customerId: string
      readonly recencyDays: null
      readonly r: null
      readonly f: null
      readonly m: null
      readonly segment: 'never_bought'
    }

export type BuyerStatus = 'never' | 'active' | 'regular' | 'inactive'

export interface BuyerStatusOptions {
  /** The program's inactivity window: no purchase for this many days = inactive. */
  readonly inactivityDays: number
  /** An active buyer with at least this many orders is 'regular'. Default 3. */
  readonly regularMinOrders?: number
}

export interface ReactivationCandidate {
  readonly customerId: string
  readonly daysInactive: number
  readonly totalSpent: Money
  readonly orderCount: number
  readonly reason: string
}

export interface HistoricalClv {
  readonly customerId: string
  /** Total spent (× margin when given), net of refunds. */
  readonly clv: Money
  readonly averageOrderValue: Money
  /** Orders per 365 days between the first purchase and `now` (0 with no purchase). */
  readonly ordersPerYear: number
  readonly lifespanDays: number
}

export interface AmbassadorCandidate {
  readonly customerId: string
  /** 0–1, higher = more likely to become a good ambassador. */
  readonly score: number
  readonly rank: number
  readonly reason: string
}
