import type { ReferralRewardInput, ReferralRewardResult } from './types.ts'

/** Decide a referral's qualification and the rewards it earns (referrer, friend, milestones). */
export function evaluateReferralRewards(input: ReferralRewardInput): ReferralRewardResult {
  throw new Error(`evaluateReferralRewards: not implemented yet (${input.referral.referralId})`)
}
