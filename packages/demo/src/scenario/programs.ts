import type { AttributionSettings, ReferralProgram } from '@tandem/core'
import type { CreateProgramInput } from '@tandem/services'
import { daysAgo, type SeedContext } from './context.ts'

export const CURRENCY = 'EUR'
export const SHOP_DOMAIN = 'shop.example.com'

export type ProgramKey = 'affiliate' | 'referral'
/** A commission rule as a manager writes it (core's rule fields and a name): publishRuleSet validates it. */
export type RuleInput = { name: string; kind: string } & Record<string, unknown>
export type GroupKey = 'standard' | 'gold'

/** A program as an admin sets it up: the createProgram input, its groups and commission rules. */
export interface ProgramSpec {
  readonly key: ProgramKey
  readonly createdAt: Date
  readonly input: CreateProgramInput
  readonly groups: readonly { key: GroupKey; slug: string; name: string }[]
  /** The rules to publish, given the real ids of the program's groups (empty: no commission rules). */
  readonly rules: (groupIds: Readonly<Record<GroupKey, string>>) => RuleInput[]
}

export interface DemoPrograms {
  readonly affiliate: ProgramSpec
  readonly referral: ProgramSpec
}

const eur = (amountMinor: number) => ({ amountMinor, currency: CURRENCY })

/** The two demo programs: an affiliate program with rules per group, and a double-sided refer-a-friend program. */
export function buildPrograms(ctx: SeedContext): DemoPrograms {
  const createdAt = daysAgo(ctx, 200)
  const affiliateAttribution: AttributionSettings = {
    model: 'last_click',
    windowDays: 30,
    halfLifeDays: 7,
    couponPrecedence: 'coupon_first',
    lifetimeMonths: null,
    selfReferral: 'flag',
  }
  const revenueBase = { netOfTax: true, netOfShipping: true }
  const affiliate: ProgramSpec = {
    key: 'affiliate',
    createdAt,
    input: {
      slug: 'northwind-partners',
      name: 'Northwind Outdoor Partner Program',
      kind: 'affiliate',
      currency: CURRENCY,
      cookieDays: affiliateAttribution.windowDays,
      holdDays: 30,
      roundingMode: 'half-even',
      attribution: affiliateAttribution,
      // Exact hosts: deep links (?url=) may not go to any other subdomain of example.com.
      allowedDomains: [SHOP_DOMAIN],
      deepLinkSubdomains: false,
      defaultLandingUrl: `https://${SHOP_DOMAIN}/`,
      payoutThresholdMinor: 5000,
    },
    groups: [
      { key: 'standard', slug: 'standard', name: 'Standard' },
      { key: 'gold', slug: 'gold', name: 'Gold partners' },
    ],
    rules: (groups) => [
      { name: 'Revenue share 10%', kind: 'percentage', event: 'sale', rate: { bps: 1000 }, ...revenueBase },
      {
        name: 'Gold revenue share 15%',
        kind: 'percentage',
        event: 'sale',
        rate: { bps: 1500 },
        scope: { groupIds: [groups.gold] },
        ...revenueBase,
      },
      { name: 'Newsletter sign-up CPA', kind: 'flat', event: 'lead', amount: eur(300) },
      {
        name: 'Two-tier override 10%',
        kind: 'multi_level',
        levels: [{ rate: { bps: 1000 }, of: 'commission' }],
      },
    ],
  }

  const referralAttribution: AttributionSettings = {
    model: 'last_click',
    windowDays: 60,
    halfLifeDays: 7,
    couponPrecedence: 'coupon_first',
    lifetimeMonths: 12,
    selfReferral: 'block',
  }
  const rewards: ReferralProgram = {
    currency: CURRENCY,
    referrerReward: { type: 'store_credit', amount: eur(2000) },
    friendReward: { type: 'percent_coupon', percentOff: { bps: 1000 } },
    friendRewardTiming: 'on_signup',
    qualification: { minFirstPurchase: eur(3000), holdDays: 14 },
    milestones: [
      {
        id: 'five-friends',
        name: '5 friends referred',
        qualifiedReferrals: 5,
        reward: { type: 'store_credit', amount: eur(5000) },
      },
    ],
    caps: { maxRewardedReferrals: 25, maxRewardValue: eur(50_000) },
  }
  const referral: ProgramSpec = {
    key: 'referral',
    createdAt,
    input: {
      slug: 'northwind-friends',
      name: 'Northwind Friends (refer a friend)',
      kind: 'referral',
      currency: CURRENCY,
      cookieDays: referralAttribution.windowDays,
      holdDays: rewards.qualification.holdDays,
      roundingMode: 'half-even',
      attribution: referralAttribution,
      allowedDomains: [SHOP_DOMAIN],
      deepLinkSubdomains: false,
      defaultLandingUrl: `https://${SHOP_DOMAIN}/friends`,
      payoutThresholdMinor: 5000,
      rewards: rewards as unknown as Record<string, unknown>,
    },
    groups: [],
    // Ambassadors earn the rewards above, not commissions.
    rules: () => [],
  }
  return { affiliate, referral }
}
