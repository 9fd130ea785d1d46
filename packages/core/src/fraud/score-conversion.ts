import { assertDate } from '../shared/time.ts'
import { assertCount } from '../shared/validate.ts'
import { toScore } from './score.ts'
import type { ConversionFraudInput, FraudConfig, FraudFlag, FraudScore } from './types.ts'

const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 2 : 1)}%`

/**
 * Score a conversion: click-to-conversion time too short, the customer is the partner
 * (email or IP hash), a duplicate order id, a coupon used far more than the partner's clicks
 * explain (leaked to coupon sites), a partner conversion rate far above the program's.
 */
export function scoreConversion(input: ConversionFraudInput, config: FraudConfig): FraudScore {
  const flags: FraudFlag[] = []
  const occurredAt = assertDate(input.occurredAt, 'occurredAt')

  if (config.fastConversion.enabled && input.clickAt) {
    const seconds = (occurredAt.getTime() - assertDate(input.clickAt, 'clickAt').getTime()) / 1000
    if (seconds < config.fastConversion.minSeconds) {
      flags.push({
        code: 'fast_conversion',
        reason: `Converted ${Math.max(0, Math.round(seconds))} s after the click (minimum ${config.fastConversion.minSeconds} s): likely cookie stuffing or a script`,
        points: config.fastConversion.points,
      })
    }
  }

  if (config.selfReferral.enabled) {
    const { customer, partner } = input
    if (customer.emailHash && partner.emailHashes?.includes(customer.emailHash)) {
      flags.push({
        code: 'self_referral_email',
        reason: "The customer's email matches the partner's own",
        points: config.selfReferral.emailPoints,
      })
    } else if (customer.ipHash && partner.ipHashes?.includes(customer.ipHash)) {
      flags.push({
        code: 'self_referral_ip',
        reason: "The customer's IP matches one the partner used",
        points: config.selfReferral.ipPoints,
      })
    }
  }

  if (config.duplicateOrder.enabled && input.orderIdSeenBefore) {
    flags.push({
      code: 'duplicate_order',
      reason: `Order id ${input.orderId ?? '(unknown)'} was already recorded for this program`,
      points: config.duplicateOrder.points,
    })
  }

  const leak = config.couponLeak
  if (leak.enabled && input.coupon) {
    const uses = assertCount(input.coupon.uses, 'coupon.uses')
    const clicks = assertCount(input.coupon.partnerClicks, 'coupon.partnerClicks')
    if (uses >= leak.minUses && uses > clicks * leak.maxUsesPerClick) {
      flags.push({
        code: 'coupon_leak',
        reason: `Coupon ${input.coupon.code} was used ${uses} times but the partner had only ${clicks} clicks (more than ${leak.maxUsesPerClick} uses per click): it may be on a coupon site`,
        points: leak.points,
      })
    }
  }

  const outlier = config.conversionRateOutlier
  if (outlier.enabled && input.partnerStats && input.programStats) {
    const partnerClicks = assertCount(input.partnerStats.clicks, 'partnerStats.clicks')
    const partnerConversions = assertCount(input.partnerStats.conversions, 'partnerStats.conversions')
    const programClicks = assertCount(input.programStats.clicks, 'programStats.clicks')
    const programConversions = assertCount(input.programStats.conversions, 'programStats.conversions')
    if (partnerClicks >= outlier.minClicks && programClicks > 0 && programConversions > 0) {
      const partnerRate = partnerConversions / partnerClicks
      const programRate = programConversions / programClicks
      if (partnerRate > programRate * outlier.maxRatio) {
        flags.push({
          code: 'conversion_rate_outlier',
          reason: `The partner converts ${percent(partnerRate)} of clicks against the program's ${percent(programRate)} (${(partnerRate / programRate).toFixed(1)}×, limit ${outlier.maxRatio}×)`,
          points: outlier.points,
        })
      }
    }
  }
  return toScore(flags, config)
}
