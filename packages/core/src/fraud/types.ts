export type FraudFlagCode =
  | 'bot_user_agent'
  | 'missing_user_agent'
  | 'click_flood'
  | 'fast_conversion'
  | 'self_referral_email'
  | 'self_referral_ip'
  | 'duplicate_order'
  | 'coupon_leak'
  | 'conversion_rate_outlier'

export interface FraudFlag {
  readonly code: FraudFlagCode
  readonly reason: string
  /** Points this flag added to the score. */
  readonly points: number
}

export interface FraudScore {
  /** 0–100: the sum of the points of the raised flags, capped at 100. */
  readonly score: number
  readonly flags: readonly FraudFlag[]
  /** 'block' at or above blockScore, 'review' at or above reviewScore, else 'allow'. */
  readonly decision: 'allow' | 'review' | 'block'
}

/** Thresholds and points per check. Every check can be turned off with enabled: false. */
export interface FraudConfig {
  readonly reviewScore: number
  readonly blockScore: number
  readonly botUserAgent: {
    readonly enabled: boolean
    readonly points: number
    /** Extra case-insensitive regular-expression sources, added to the built-in list. */
    readonly extraPatterns: readonly string[]
    /** Points for a request with no user agent at all. */
    readonly missingPoints: number
  }
  readonly clickFlood: {
    readonly enabled: boolean
    readonly points: number
    /** More than this many clicks from one IP on one link within the window is a flood. */
    readonly maxClicksPerIpPerLink: number
    /** The window the caller counts clicks in (documentation for the caller; core gets the count). */
    readonly windowMinutes: number
  }
  readonly fastConversion: { readonly enabled: boolean; readonly points: number; readonly minSeconds: number }
  readonly selfReferral: {
    readonly enabled: boolean
    readonly emailPoints: number
    readonly ipPoints: number
  }
  readonly duplicateOrder: { readonly enabled: boolean; readonly points: number }
  readonly couponLeak: {
    readonly enabled: boolean
    readonly points: number
    /** Flag when coupon uses > partner clicks × maxUsesPerClick … */
    readonly maxUsesPerClick: number
    /** … and the coupon was used at least this many times (small numbers prove nothing). */
    readonly minUses: number
  }
  readonly conversionRateOutlier: {
    readonly enabled: boolean
    readonly points: number
    /** Flag when the partner's rate is more than maxRatio × the program's rate … */
    readonly maxRatio: number
    /** … measured on at least this many partner clicks. */
    readonly minClicks: number
  }
}

export interface ClickFraudInput {
  readonly userAgent: string | null
  /** Clicks from this IP on this link in the config's window, including this one (the caller counts). */
  readonly recentClicksFromIpOnLink: number
}

export interface ConversionFraudInput {
  /** Time of the attributed click, if any, and of the conversion. */
  readonly clickAt?: Date | null
  readonly occurredAt: Date
  readonly customer: { readonly emailHash?: string | null; readonly ipHash?: string | null }
  readonly partner: { readonly emailHashes?: readonly string[]; readonly ipHashes?: readonly string[] }
  /** True when the program already has a conversion with this order id (the caller looks it up). */
  readonly orderIdSeenBefore?: boolean
  readonly orderId?: string | null
  /** For coupon conversions: how often the coupon was used, and the partner's clicks, over the same period. */
  readonly coupon?: { readonly code: string; readonly uses: number; readonly partnerClicks: number } | null
  /** Clicks and conversions of the partner and of the whole program over the same period. */
  readonly partnerStats?: { readonly clicks: number; readonly conversions: number } | null
  readonly programStats?: { readonly clicks: number; readonly conversions: number } | null
}
