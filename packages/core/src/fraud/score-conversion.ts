import type { ConversionFraudInput, FraudConfig, FraudScore } from './types.ts'

/** Score a conversion: fast conversions, self-referral, duplicate orders, coupon leaks, rate outliers. */
export function scoreConversion(input: ConversionFraudInput, config: FraudConfig): FraudScore {
  throw new Error(
    `scoreConversion: not implemented yet (${input.occurredAt.getTime()} ${config.reviewScore})`,
  )
}
