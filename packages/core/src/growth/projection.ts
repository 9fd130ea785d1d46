import type { GrowthProjection, GrowthProjectionInput } from './types.ts'

/** Customers over referral rounds: each round's new customers bring k × as many one cycle later. */
export function projectReferralGrowth(input: GrowthProjectionInput): GrowthProjection {
  throw new Error(`projectReferralGrowth: not implemented yet (${input.rounds})`)
}
