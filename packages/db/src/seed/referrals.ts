import {
  evaluateReferralRewards,
  type IssuedReward,
  type Money,
  type ReferralRewardInput,
  type ReferrerHistory,
  type RewardSpec,
} from '@tandem/core'
import type { Insertable } from 'kysely'
import type { ReferralRewardsTable } from '../postgres/schema.ts'
import { DAY_MS, HOUR_MS, type SeedContext, scaled } from './context.ts'
import { decide, type SeedConversion } from './conversions.ts'
import type { CustomerBook, SeedCustomer } from './customers.ts'
import { basket } from './orders.ts'
import type { SeedPartner } from './partners.ts'
import type { DemoPrograms } from './programs.ts'
import { WeightedSampler } from './random.ts'
import type { Traffic } from './traffic.ts'

export interface Friend {
  readonly customer: SeedCustomer
  readonly ambassador: SeedPartner
  readonly referredAt: number
  readonly purchase: SeedConversion | null
}

/**
 * ~300 friends referred by ambassadors: each clicked the ambassador's invite link (a real
 * click), became a customer of the referral program with the ambassador as referrer, and most
 * bought with the friend coupon; core attributes those purchases (lifetime referrer).
 */
export function buildReferralFriends(
  ctx: SeedContext,
  programs: DemoPrograms,
  partners: readonly SeedPartner[],
  traffic: Traffic,
  customers: CustomerBook,
): { friends: Friend[]; conversions: SeedConversion[] } {
  const rng = ctx.rng.fork('referrals')
  const program = programs.referral
  const ambassadors = partners.filter(
    (p) => p.programId === program.id && p.status === 'active' && p.links.length > 0,
  )
  if (ambassadors.length === 0) return { friends: [], conversions: [] }
  const sampler = new WeightedSampler(ambassadors.map((p) => p.trafficWeight))
  const byId = new Map(partners.map((p) => [p.id, p]))
  const count = scaled(ctx, 300, 14)

  const drafts: { ambassador: SeedPartner; clickTs: number }[] = []
  for (let i = 0; i < count; i++) {
    // The demo ambassador gets enough friends to reach the 5-friend milestone.
    const ambassador =
      i < 7 ? (ambassadors[0] as SeedPartner) : (ambassadors[sampler.sample(rng)] as SeedPartner)
    const link = ambassador.links[0]!
    let clickTs = traffic.randomTime()
    for (let attempt = 0; attempt < 5 && clickTs <= link.createdAt.getTime(); attempt++)
      clickTs = traffic.randomTime()
    if (clickTs <= link.createdAt.getTime()) continue
    drafts.push({ ambassador, clickTs })
  }
  drafts.sort((a, b) => a.clickTs - b.clickTs)

  const friends: Friend[] = []
  const conversions: SeedConversion[] = []
  let orderSeq = 0
  for (const { ambassador, clickTs } of drafts) {
    const visitor = traffic.freshVisitor()
    const click = traffic.click(ambassador.links[0]!, ambassador, clickTs, visitor)
    const referredAt = Math.min(clickTs + rng.int(2, 15) * 60_000, ctx.nowMs - 60_000)
    const customer = customers.add({
      programId: program.id,
      country: visitor.country,
      firstSeenAt: referredAt,
      referrerPartnerId: ambassador.id,
      referredAt,
    })
    const occurredAt = referredAt + Math.round(Math.min(rng.logNormal(1.5 * DAY_MS, 1.0), 40 * DAY_MS))
    const buys = rng.chance(0.8) && occurredAt < ctx.nowMs - HOUR_MS
    let purchase: SeedConversion | null = null
    if (buys) {
      purchase = decide(rng, ctx, {
        programId: program.id,
        program: 'referral',
        event: 'sale',
        orderId: `NW-${500_000 + ++orderSeq}`,
        customer,
        occurredAt,
        basket: basket(rng, 1000),
        touches: [click],
        coupon: ambassador.coupon ? { code: ambassador.coupon, partnerId: ambassador.id } : null,
        referrer: { partnerId: ambassador.id, referredAt },
        visitor,
        holdDays: program.holdDays,
        settings: program.attribution,
        partners: byId,
      })
      conversions.push(purchase)
    }
    friends.push({ customer, ambassador, referredAt, purchase })
  }
  return { friends, conversions }
}

const REWARD_TYPES: Record<RewardSpec['type'], ReferralRewardsTable['reward_type']> = {
  percent_coupon: 'coupon_percent',
  fixed_coupon: 'coupon_fixed',
  store_credit: 'store_credit',
  cash: 'cash',
}

/**
 * Core decides each referral's rewards as of now, in the order the friends bought, with the
 * ambassador's history so far (milestones and caps depend on it).
 */
export function buildReferralRewards(
  ctx: SeedContext,
  programs: DemoPrograms,
  friends: readonly Friend[],
  refundedOf: (conversionId: string) => number,
): Insertable<ReferralRewardsTable>[] {
  const rng = ctx.rng.fork('referral-rewards')
  const program = programs.referral
  const currency = program.rewards.currency
  const zero: Money = { amountMinor: 0, currency }
  const histories = new Map<string, ReferrerHistory>()
  const ordered = [...friends].sort(
    (a, b) =>
      (a.purchase?.occurredAt ?? Number.MAX_SAFE_INTEGER) -
        (b.purchase?.occurredAt ?? Number.MAX_SAFE_INTEGER) || a.referredAt - b.referredAt,
  )
  const rows: Insertable<ReferralRewardsTable>[] = []
  const usedKeys = new Set<string>()
  for (const friend of ordered) {
    const history = histories.get(friend.ambassador.id) ?? {
      qualifiedReferrals: 0,
      rewardedReferrals: 0,
      rewardValueIssued: zero,
      milestonesReached: [],
    }
    const purchase = friend.purchase
    const input: ReferralRewardInput = {
      program: program.rewards,
      referral: {
        referralId: friend.customer.id,
        referrerCustomerId: friend.ambassador.id,
        friendCustomerId: friend.customer.id,
        referrer: { emailHash: friend.ambassador.emailHash },
        friend: { emailHash: friend.customer.emailHash },
        firstPurchase: purchase
          ? {
              orderId: purchase.orderId,
              amount: { amountMinor: purchase.basket.amount, currency },
              refunded: { amountMinor: refundedOf(purchase.id), currency },
              at: new Date(purchase.occurredAt),
            }
          : null,
        friendWasExistingCustomer: false,
      },
      history,
      now: ctx.now,
    }
    const result = evaluateReferralRewards(input)
    // On hold: what core will issue when the hold ends (if nothing is refunded) is written as
    // 'pending' under the same idempotency keys, so the real evaluation later finds the rows.
    const issuedNow = new Set(result.rewards.map((r) => r.key))
    const projected =
      result.status === 'on_hold' && result.qualifiesAt
        ? evaluateReferralRewards({ ...input, now: result.qualifiesAt }).rewards
        : result.rewards
    const referrerRewards: IssuedReward[] = []
    for (const reward of projected) {
      // Two referrals on hold can both project the same milestone: one row per key.
      if (usedKeys.has(reward.key)) continue
      usedKeys.add(reward.key)
      if (reward.recipient === 'referrer') referrerRewards.push(reward)
      const pending = !issuedNow.has(reward.key)
      const status: ReferralRewardsTable['status'] = pending
        ? 'pending'
        : reward.recipient === 'friend'
          ? 'issued'
          : 'qualified'
      const createdAt =
        reward.recipient === 'friend'
          ? friend.referredAt
          : status === 'qualified'
            ? (result.qualifiesAt?.getTime() ??
              (purchase?.occurredAt ?? friend.referredAt) + program.holdDays * DAY_MS)
            : (purchase?.occurredAt ?? friend.referredAt)
      rows.push({
        id: rng.uuid(),
        program_id: program.id,
        referrer_partner_id: friend.ambassador.id,
        customer_id: friend.customer.id,
        conversion_id: purchase?.id ?? null,
        side: reward.recipient,
        reward_type: REWARD_TYPES[reward.type],
        amount_minor: reward.amount?.amountMinor ?? 0,
        percent_bps: reward.percentOff && 'bps' in reward.percentOff ? reward.percentOff.bps : 0,
        currency,
        status,
        milestone: reward.milestoneId
          ? (program.rewards.milestones.find((m) => m.id === reward.milestoneId)?.qualifiedReferrals ?? null)
          : null,
        explanation: pending ? `${reward.reason} (pending: ${result.reasons.join(' ')})` : reward.reason,
        idempotency_key: `${program.id}:${reward.key}`,
        created_at: new Date(Math.min(createdAt, ctx.nowMs)),
      })
    }
    if (result.status === 'qualified') {
      const value = referrerRewards.reduce((sum, r) => sum + (r.amount?.amountMinor ?? 0), 0)
      histories.set(friend.ambassador.id, {
        qualifiedReferrals: history.qualifiedReferrals + 1,
        rewardedReferrals:
          history.rewardedReferrals + (referrerRewards.some((r) => r.milestoneId === null) ? 1 : 0),
        rewardValueIssued: { amountMinor: history.rewardValueIssued.amountMinor + value, currency },
        milestonesReached: [
          ...history.milestonesReached,
          ...referrerRewards.flatMap((r) => (r.milestoneId ? [r.milestoneId] : [])),
        ],
      })
    }
  }
  return rows
}
