import type { CustomerIdentity } from '../attribution/types.ts'
import type { Money } from '../money/money.ts'
import type { Rate } from '../money/rate.ts'
import type { RoundingMode } from '../money/rounding.ts'

/**
 * What a person receives. Coupons are for the shop; store credit is a balance in the shop;
 * cash is paid out like a commission. `amount` is fixed; `rate` is a share of the friend's
 * qualifying purchase (rounded once with the program's rounding mode). A reward that comes
 * to zero is not issued.
 * JSON: { "type": "percent_coupon", "percentOff": { "bps": 1000 } } | { "type": "fixed_coupon", "amount": {…} }
 *     | { "type": "store_credit", "amount": {…} } | { "type": "cash", "rate": { "bps": 500 } }
 */
export type RewardSpec =
  | { readonly type: 'percent_coupon'; readonly percentOff: Rate }
  | { readonly type: 'fixed_coupon'; readonly amount: Money }
  | { readonly type: 'store_credit'; readonly amount?: Money; readonly rate?: Rate }
  | { readonly type: 'cash'; readonly amount?: Money; readonly rate?: Rate }

export interface ReferralMilestone {
  readonly id: string
  readonly name: string
  /** Paid once, when the referrer's count of qualified referrals reaches this number. */
  readonly qualifiedReferrals: number
  readonly reward: RewardSpec
}

export interface ReferralProgram {
  readonly currency: string
  /** Rounding of rewards that are a rate of the purchase (the program's mode). Default 'half-even'. */
  readonly rounding?: RoundingMode
  readonly referrerReward: RewardSpec | null
  readonly friendReward: RewardSpec | null
  /** 'on_signup': the friend gets their reward as soon as they arrive (typical welcome coupon). */
  readonly friendRewardTiming: 'on_signup' | 'on_qualification'
  readonly qualification: {
    /** The friend's first purchase must be at least this (after refunds). */
    readonly minFirstPurchase: Money
    /** Days after the first purchase before the referral qualifies (refund window). */
    readonly holdDays: number
  }
  readonly milestones: readonly ReferralMilestone[]
  readonly caps: {
    /** At most this many rewarded referrals per referrer, ever (null = no cap). */
    readonly maxRewardedReferrals: number | null
    /** At most this much monetary reward (fixed coupons, credit, cash) per referrer, ever. */
    readonly maxRewardValue: Money | null
  }
}

export interface ReferralFacts {
  readonly referralId: string
  readonly referrerCustomerId: string
  readonly friendCustomerId: string
  readonly referrer: CustomerIdentity
  readonly friend: CustomerIdentity
  /** The friend's first purchase, if any. `refunded` is what was refunded of it so far. */
  readonly firstPurchase: {
    readonly orderId: string
    readonly amount: Money
    readonly refunded?: Money | null
    readonly at: Date
  } | null
  /** True when the friend had bought before the referral (not a new customer). */
  readonly friendWasExistingCustomer?: boolean
}

/** The referrer's history BEFORE this referral. */
export interface ReferrerHistory {
  readonly qualifiedReferrals: number
  readonly rewardedReferrals: number
  /** Sum of the monetary rewards (fixed coupons, credit, cash) already issued to the referrer. */
  readonly rewardValueIssued: Money
  readonly milestonesReached: readonly string[]
}

export interface ReferralRewardInput {
  readonly program: ReferralProgram
  readonly referral: ReferralFacts
  readonly history: ReferrerHistory
  readonly now: Date
}

/** A reward to issue, with a stable `key` so that the caller issues it once (idempotent). */
export interface IssuedReward {
  /** e.g. "ref_1:referrer", "ref_1:friend", "cust_9:milestone:m_5" */
  readonly key: string
  readonly recipient: 'referrer' | 'friend'
  readonly customerId: string
  readonly type: RewardSpec['type']
  /** The monetary value (fixed coupon, credit, cash); null for a percent coupon. */
  readonly amount: Money | null
  /** For percent coupons. */
  readonly percentOff: Rate | null
  readonly reason: string
  readonly milestoneId: string | null
}

export type ReferralStatus = 'no_purchase' | 'on_hold' | 'qualified' | 'not_qualified'

export interface ReferralRewardResult {
  readonly status: ReferralStatus
  /** Every reward that should exist given the facts; issue those whose key is new. */
  readonly rewards: readonly IssuedReward[]
  readonly reasons: readonly string[]
  /** When the hold ends (status 'on_hold'). */
  readonly qualifiesAt: Date | null
}
