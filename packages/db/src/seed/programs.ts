import {
  type AttributionSettings,
  type CommissionRule,
  type ReferralProgram,
  type RuleSet,
  validateRuleSet,
} from '@tandem/core'
import type { Insertable } from 'kysely'
import type { CommissionRulesTable, PartnerGroupsTable, ProgramsTable } from '../postgres/schema.ts'
import { daysAgo, json, type SeedContext } from './context.ts'

export const CURRENCY = 'EUR'
export const SHOP_DOMAIN = 'shop.example.com'

export interface AffiliateProgram {
  readonly id: string
  readonly row: Insertable<ProgramsTable>
  readonly holdDays: number
  readonly attribution: AttributionSettings
  readonly groups: { readonly standard: string; readonly gold: string }
  readonly groupRows: Insertable<PartnerGroupsTable>[]
  readonly ruleRows: Insertable<CommissionRulesTable>[]
  readonly ruleSet: RuleSet
}

export interface ReferralProgramSeed {
  readonly id: string
  readonly row: Insertable<ProgramsTable>
  readonly holdDays: number
  readonly attribution: AttributionSettings
  readonly rewards: ReferralProgram
}

export interface DemoPrograms {
  readonly affiliate: AffiliateProgram
  readonly referral: ReferralProgramSeed
}

const eur = (amountMinor: number) => ({ amountMinor, currency: CURRENCY })

/** The two demo programs: an affiliate program with rule rows, and a double-sided refer-a-friend program. */
export function buildPrograms(ctx: SeedContext): DemoPrograms {
  const rng = ctx.rng.fork('programs')
  const created = daysAgo(ctx, 200)
  const updated = daysAgo(ctx, 30)

  const affiliateId = rng.uuid()
  const affiliateAttribution: AttributionSettings = {
    model: 'last_click',
    windowDays: 30,
    halfLifeDays: 7,
    couponPrecedence: 'coupon_first',
    lifetimeMonths: null,
    selfReferral: 'flag',
  }
  const groups = { standard: rng.uuid(), gold: rng.uuid() }
  const groupRows: Insertable<PartnerGroupsTable>[] = [
    { id: groups.standard, program_id: affiliateId, slug: 'standard', name: 'Standard', created_at: created },
    { id: groups.gold, program_id: affiliateId, slug: 'gold', name: 'Gold partners', created_at: created },
  ]

  // Rule ids are the commission_rules row ids, so ledger rows' rule_id points at the row.
  const revenueBase = { netOfTax: true, netOfShipping: true }
  const rules: { rule: CommissionRule; groupId: string | null }[] = [
    {
      rule: {
        id: rng.uuid(),
        name: 'Revenue share 10%',
        kind: 'percentage',
        event: 'sale',
        rate: { bps: 1000 },
        ...revenueBase,
      },
      groupId: null,
    },
    {
      rule: {
        id: rng.uuid(),
        name: 'Gold revenue share 15%',
        kind: 'percentage',
        event: 'sale',
        rate: { bps: 1500 },
        scope: { groupIds: [groups.gold] },
        ...revenueBase,
      },
      groupId: groups.gold,
    },
    {
      rule: { id: rng.uuid(), name: 'Newsletter sign-up CPA', kind: 'flat', event: 'lead', amount: eur(300) },
      groupId: null,
    },
    {
      rule: {
        id: rng.uuid(),
        name: 'Two-tier override 10%',
        kind: 'multi_level',
        levels: [{ rate: { bps: 1000 }, of: 'commission' }],
      },
      groupId: null,
    },
  ]
  const ruleSet: RuleSet = { currency: CURRENCY, rounding: 'half-even', rules: rules.map((r) => r.rule) }
  const problems = validateRuleSet(ruleSet)
  if (problems.length > 0) {
    throw new Error(`demo commission rules are invalid: ${problems.map((p) => p.message).join('; ')}`)
  }
  const ruleRows: Insertable<CommissionRulesTable>[] = rules.map(({ rule, groupId }) => ({
    id: rule.id,
    program_id: affiliateId,
    name: rule.name,
    rule: json(rule),
    group_id: groupId,
    partner_id: null,
    active: true,
    created_at: created,
    updated_at: updated,
  }))

  const affiliateRow: Insertable<ProgramsTable> = {
    id: affiliateId,
    slug: 'northwind-partners',
    name: 'Northwind Outdoor Partner Program',
    kind: 'affiliate',
    status: 'active',
    currency: CURRENCY,
    click_param: 'tclid',
    cookie_days: affiliateAttribution.windowDays,
    hold_days: 30,
    rounding_mode: 'half-even',
    attribution: json(affiliateAttribution),
    rewards: null,
    fraud: json({}),
    // Exact hosts: deep links (?url=) may not go to any other subdomain of example.com.
    allowed_domains: [SHOP_DOMAIN],
    deep_link_subdomains: false,
    default_landing_url: `https://${SHOP_DOMAIN}/`,
    postback_token: rng.token(24),
    postback_hmac_secret: rng.hex(32),
    payout_threshold_minor: 5000,
    created_at: created,
    updated_at: updated,
  }

  const referralId = rng.uuid()
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
  const referralRow: Insertable<ProgramsTable> = {
    id: referralId,
    slug: 'northwind-friends',
    name: 'Northwind Friends (refer a friend)',
    kind: 'referral',
    status: 'active',
    currency: CURRENCY,
    click_param: 'tclid',
    cookie_days: referralAttribution.windowDays,
    hold_days: rewards.qualification.holdDays,
    rounding_mode: 'half-even',
    attribution: json(referralAttribution),
    rewards: json(rewards),
    fraud: json({}),
    // Exact hosts: deep links (?url=) may not go to any other subdomain of example.com.
    allowed_domains: [SHOP_DOMAIN],
    deep_link_subdomains: false,
    default_landing_url: `https://${SHOP_DOMAIN}/friends`,
    postback_token: rng.token(24),
    postback_hmac_secret: rng.hex(32),
    payout_threshold_minor: 5000,
    created_at: created,
    updated_at: updated,
  }

  return {
    affiliate: {
      id: affiliateId,
      row: affiliateRow,
      holdDays: 30,
      attribution: affiliateAttribution,
      groups,
      groupRows,
      ruleRows,
      ruleSet,
    },
    referral: {
      id: referralId,
      row: referralRow,
      holdDays: rewards.qualification.holdDays,
      attribution: referralAttribution,
      rewards,
    },
  }
}
