import { loadCustomer } from '@tandem/db'
import {
  approveHeldConversion,
  type ClickVerifier,
  type ClientContext,
  type ConversionChangeRequest,
  type ConversionView,
  changeConversion,
  type NewConversionRequest,
  recordConversion,
  settleReferral,
} from '@tandem/services'
import type { PlannedConversion } from '../scenario/journeys.ts'
import { planOutcome, subIdsOf } from '../scenario/orders.ts'
import type { SeedPartner } from '../scenario/partners.ts'
import { CURRENCY } from '../scenario/programs.ts'
import type { Random } from '../scenario/random.ts'
import type { Replay } from './replay-context.ts'
import { RANK } from './timeline.ts'

/** What the seed knows of a recorded conversion: what the services answered last. */
interface Recorded {
  readonly plan: PlannedConversion
  readonly footprint: readonly string[]
  readonly client: ClientContext
  view: ConversionView
  /** The referred friend's customer id (referral program), whose rewards are settled. */
  friendId: string | null
}

export interface ConversionCounts {
  recorded: number
  rejectedOnArrival: number
  changes: number
  approved: number
  referralsSettled: number
}

/**
 * Schedules the shop's orders and what follows them, each through the command production runs:
 * recordConversion when the merchant reports the order, changeConversion when a manager rejects
 * it or the customer refunds, approveHeldConversion when its hold ends (as the hold job would),
 * settleReferral when a referred friend buys, when their hold ends and after a refund (as the
 * rewards job would). What happens later is planned from the services' answer (a conversion core
 * sent to review is rejected by the manager a few days later).
 */
export function scheduleConversions(
  r: Replay,
  conversions: readonly PlannedConversion[],
  partners: readonly SeedPartner[],
  verifier: ClickVerifier,
  rng: Random,
): ConversionCounts {
  const counts: ConversionCounts = {
    recorded: 0,
    rejectedOnArrival: 0,
    changes: 0,
    approved: 0,
    referralsSettled: 0,
  }
  const settleAt = new Set<string>()
  const footprintOf = footprints(partners)

  const settle = (c: Recorded, friendId: string, at: number) => {
    if (at > r.nowMs || settleAt.has(`${friendId}@${at}`)) return
    settleAt.add(`${friendId}@${at}`)
    r.timeline.add({
      at,
      rank: RANK.settle,
      footprint: c.footprint,
      run: async () => {
        const result = await settleReferral(r.db, friendId, new Date(at))
        counts.referralsSettled++
        if (result.result === 'on_hold' && result.qualifiesAt)
          settle(c, friendId, result.qualifiesAt.getTime())
      },
    })
  }

  const change = (c: Recorded, at: number, req: ConversionChangeRequest['change']) => {
    r.timeline.add({
      at,
      rank: RANK.change,
      footprint: c.footprint,
      run: async () => {
        const next = changeFor(c.view, req)
        if (!next) return
        const actor = req.type === 'status' ? { type: 'user' as const, id: r.ids.user('manager') } : r.system
        const outcome = await changeConversion(r.at(at, actor), r.ids.program(c.plan.programKey), {
          source: 'seed',
          event: c.plan.event,
          orderId: c.plan.orderId,
          change: next,
          client: c.client,
        })
        counts.changes++
        c.view = outcome.conversion
        if (c.friendId && next.type === 'refund') settle(c, c.friendId, at)
      },
    })
  }

  const approveAt = (c: Recorded, at: number) => {
    r.timeline.add({
      at,
      rank: RANK.approve,
      footprint: c.footprint,
      run: async () => {
        // The hold job only looks at pending conversions: a rejected or reversed one is left alone.
        if (c.view.status !== 'pending') return
        const result = await approveHeldConversion(r.db, c.view.id, new Date(at))
        if (result.result === 'approved') {
          counts.approved++
          c.view = { ...c.view, status: 'approved' }
        }
      },
    })
  }

  for (const plan of conversions) {
    const footprint = footprintOf(plan)
    r.timeline.add({
      at: plan.occurredAt,
      rank: RANK.record,
      footprint,
      run: async () => {
        const program = r.ids.program(plan.programKey)
        const request = conversionRequest(plan)
        const outcome = await recordConversion(
          r.at(plan.occurredAt, r.system),
          { verifier },
          program,
          request,
        )
        counts.recorded++
        if (outcome.result !== 'created') {
          if (outcome.result === 'rejected') counts.rejectedOnArrival++
          return
        }
        const c: Recorded = {
          plan,
          footprint,
          client: request.client,
          view: outcome.conversion,
          friendId: null,
        }
        const review = outcome.attribution?.needsReview
          ? c.view.fraudFlags.map((f) => f.code).join(', ') || 'fraud score'
          : null
        for (const p of planOutcome(rng.fork(plan.orderId), {
          orderId: plan.orderId,
          event: plan.event,
          amount: plan.basket.amount,
          occurredAt: plan.occurredAt,
          nowMs: r.nowMs,
          review,
        })) {
          change(c, p.at, p.change)
        }
        // The hold job passes over conversions waiting for a person's review.
        const holdEnds = c.view.holdUntil ? Date.parse(c.view.holdUntil) : null
        if (!review && holdEnds !== null && holdEnds <= r.nowMs) approveAt(c, holdEnds)
        if (program.kind === 'referral') {
          const friend = await loadCustomer(r.db, program.id, plan.customer.externalId)
          if (friend?.referrerPartnerId) {
            c.friendId = friend.id
            settle(c, friend.id, plan.occurredAt)
          }
        }
      },
    })
  }
  return counts
}

/**
 * What a conversion's commands can touch: every partner who may earn on it (its clicks' partners,
 * its coupon's owner, their parents, who earn overrides), its customer and its order. Two
 * conversions with disjoint footprints cannot change each other's attribution, pricing (period
 * volumes are per partner), customer or rewards.
 */
function footprints(partners: readonly SeedPartner[]): (plan: PlannedConversion) => string[] {
  const byKey = new Map(partners.map((p) => [p.key, p]))
  const couponOwner = new Map(partners.flatMap((p) => (p.coupon ? [[p.coupon.code, p.key] as const] : [])))
  return (plan) => {
    const keys = new Set<string>()
    const add = (partnerKey: string | undefined) => {
      for (let k = partnerKey; k && !keys.has(`partner:${k}`); k = byKey.get(k)?.parentKey ?? undefined) {
        keys.add(`partner:${k}`)
      }
    }
    for (const t of plan.touches) add(t.partner_id)
    if (plan.coupon) add(couponOwner.get(plan.coupon))
    keys.add(`customer:${plan.programKey}:${plan.customer.externalId}`)
    keys.add(`order:${plan.programKey}:${plan.event}:${plan.orderId}`)
    return [...keys]
  }
}

/** The merchant's report of an order, as a postback or the API would deliver it. */
function conversionRequest(plan: PlannedConversion): NewConversionRequest {
  const money = (amountMinor: number) => ({ amountMinor, currency: CURRENCY })
  const { basket, visitor } = plan
  return {
    source: 'seed',
    event: plan.event,
    orderId: plan.orderId,
    amount: money(basket.amount),
    tax: money(basket.tax),
    shipping: money(basket.shipping),
    lineItems: basket.lineItems.map((l) => ({
      sku: l.sku,
      category: l.category,
      quantity: l.quantity,
      amount: money(l.amountMinor),
    })),
    status: 'pending',
    clickIds: plan.touches.map((t) => t.click_id),
    coupon: plan.coupon,
    customer: { externalId: plan.customer.externalId, emailHash: plan.customer.emailHash },
    subIds: subIdsOf(plan.touches[plan.touches.length - 1] ?? null),
    occurredAt: new Date(plan.occurredAt),
    recurring: null,
    client: { ipHash: visitor.ipHash, visitorHash: visitor.hash, userAgent: visitor.userAgent, referer: '' },
  }
}

/**
 * What the customer or manager asks for, given the conversion as the services last answered: a
 * manager rejects only what is still pending; a customer refunds at most what is left of a kept
 * order. Whether and how it changes the conversion stays core's decision.
 */
function changeFor(
  view: ConversionView,
  req: ConversionChangeRequest['change'],
): ConversionChangeRequest['change'] | null {
  if (req.type === 'status') return view.status === 'pending' ? req : null
  if (req.type !== 'refund' || (view.status !== 'pending' && view.status !== 'approved')) return null
  const left = view.amountMinor - view.refundedMinor
  if (left <= 0) return null
  const asked = req.amount?.amountMinor ?? left
  return { ...req, amount: { amountMinor: Math.min(asked, left), currency: view.currency } }
}
