import type { PartnerStatus } from '../shared/partner.ts'

export type AttributionModel = 'last_click' | 'first_click' | 'linear' | 'time_decay' | 'position_based'

/** Which touch wins when a conversion has both a partner's coupon and clicks. */
export type CouponPrecedence = 'coupon_first' | 'click_first'

/**
 * What to do when the customer is the partner themselves (same email hash or IP hash):
 * 'block' gives that partner nothing, 'flag' attributes but asks for review, 'allow' ignores it
 * (agencies buying for their clients).
 */
export type SelfReferralPolicy = 'block' | 'flag' | 'allow'

/** A click that carried a verified (signed) click id. */
export interface ClickTouch {
  readonly clickId: string
  readonly partnerId: string
  readonly linkId: string
  readonly at: Date
  /** Marked as bot traffic (scoreClick said block): recorded, explained, never earns. */
  readonly bot?: boolean
}

/** A partner's coupon code used on the order. */
export interface CouponTouch {
  readonly code: string
  readonly partnerId: string
}

/** The partner that already owns this customer (first referred at `referredAt`), for lifetime attribution. */
export interface ReferrerTouch {
  readonly partnerId: string
  readonly referredAt: Date
}

/** The program's attribution settings. */
export interface AttributionSettings {
  readonly model: AttributionModel
  /** Cookie / lookback window: clicks older than this many days before `now` are ignored. */
  readonly windowDays: number
  /** Half-life for 'time_decay': a click this many days older than another weighs half as much. */
  readonly halfLifeDays: number
  readonly couponPrecedence: CouponPrecedence
  /** Lifetime attribution: the existing referrer keeps the customer for N months, 'forever', or null = off. */
  readonly lifetimeMonths: number | null | 'forever'
  readonly selfReferral: SelfReferralPolicy
}

/** What attribution needs to know about each partner that appears in a touch. */
export interface AttributionPartner {
  /** Shown in explanations ("Ada Lovelace 100%: …"); the id when absent. */
  readonly name?: string | null
  readonly status: PartnerStatus
  /** Hashes of the partner's own emails and recent IPs, to detect self-referral. */
  readonly emailHashes?: readonly string[]
  readonly ipHashes?: readonly string[]
}

/** The converting customer's identity, as hashes (never raw email or IP in core). */
export interface CustomerIdentity {
  readonly emailHash?: string | null
  readonly ipHash?: string | null
}

export interface AttributionInput {
  readonly clicks: readonly ClickTouch[]
  readonly coupon?: CouponTouch | null
  readonly referrer?: ReferrerTouch | null
  readonly settings: AttributionSettings
  /** Every partner named by a touch, by id. A partner missing here is treated as ineligible. */
  readonly partners: Readonly<Record<string, AttributionPartner>>
  readonly customer?: CustomerIdentity
  /** The conversion time: windows and lifetime are measured back from here. */
  readonly now: Date
}

export type AttributionSource = 'lifetime' | 'coupon' | 'click'

/**
 * One partner's share. `weightPpm` is an integer in parts per million; the shares of a
 * result always sum to exactly 1,000,000 (largest-remainder rounding), or the list is empty.
 */
export interface AttributionShare {
  readonly partnerId: string
  readonly weightPpm: number
  readonly source: AttributionSource
  /** The click ids that earned this share (empty for coupon and lifetime). */
  readonly clickIds: readonly string[]
  readonly reason: string
}

export type AttributionFlagCode =
  | 'self_referral' // attributed, but the customer looks like the partner: review
  | 'self_referral_blocked' // the partner was removed by the 'block' policy
  | 'partner_ineligible' // a touch belonged to a partner that is not active
  | 'bot_click' // a click marked as bot traffic was ignored

export interface AttributionFlag {
  readonly code: AttributionFlagCode
  readonly partnerId: string
  readonly reason: string
}

export interface AttributionResult {
  /** Empty when nobody earns (no touches, all outside the window, all ineligible). */
  readonly shares: readonly AttributionShare[]
  /** Where the winning share(s) came from, or 'none'. */
  readonly source: AttributionSource | 'none'
  readonly flags: readonly AttributionFlag[]
  /** True when a flag asks a person to look at the conversion before approval. */
  readonly needsReview: boolean
  /** One paragraph a person can read: which touches counted, which were dropped, and why. */
  readonly explanation: string
}
