import {
  type AttributionPartner,
  type AttributionResult,
  attribute,
  defaultFraudConfig,
  scoreConversion,
} from '@tandem/core'
import { DAY_MS, HOUR_MS, type SeedContext, scaled } from './context.ts'
import type { CustomerBook, SeedCustomer } from './customers.ts'
import { type Basket, basket, type PlannedEvent, planOutcome } from './orders.ts'
import type { SeedPartner } from './partners.ts'
import type { DemoPrograms } from './programs.ts'
import { type Random, WeightedSampler } from './random.ts'
import type { ClickRow, Traffic, Visitor } from './traffic.ts'

export interface SeedConversion {
  readonly id: string
  readonly programId: string
  readonly program: 'affiliate' | 'referral'
  readonly event: 'sale' | 'lead'
  readonly orderId: string
  readonly customer: SeedCustomer
  readonly occurredAt: number
  readonly basket: Basket
  /** Clicks known for the conversion, oldest first. */
  readonly touches: readonly ClickRow[]
  readonly coupon: { readonly code: string; readonly partnerId: string } | null
  readonly attribution: AttributionResult
  /** The partner with the largest share, or null when nobody earns. */
  readonly partnerId: string | null
  /** The click that earned the largest share, if a click did. */
  readonly winningClick: ClickRow | null
  readonly visitor: Visitor
  readonly fraudFlags: { code: string; reason: string }[]
  readonly fraudScore: number
  readonly holdDays: number
  readonly planned: PlannedEvent[]
}

type Path = 'click' | 'coupon' | 'coupon_and_click' | 'expired'

interface Journey {
  path: Path
  event: 'sale' | 'lead'
  occurredAt: number
  touches: ClickRow[]
  coupon: { code: string; partnerId: string } | null
  visitor: Visitor
  selfReferralOf: SeedPartner | null
}

/**
 * ~2,700 affiliate-program conversions (sales and leads). Each has a journey of real clicks
 * (often with an earlier click from another partner, sometimes a coupon, a few with only an
 * expired click), a customer (new or returning), and core's attribution and fraud score.
 */
export function buildAffiliateConversions(
  ctx: SeedContext,
  programs: DemoPrograms,
  partners: readonly SeedPartner[],
  traffic: Traffic,
  customers: CustomerBook,
): SeedConversion[] {
  const rng = ctx.rng.fork('affiliate-conversions')
  const program = programs.affiliate
  const count = scaled(ctx, 2700, 80)
  const inProgram = partners.filter((p) => p.programId === program.id)
  const earners = inProgram.filter((p) => p.status === 'active' && p.links.length > 0)
  const clicksOf = new Map<string, ClickRow[]>()
  for (const c of traffic.clicks) {
    if (c.is_bot || c.program_id !== program.id) continue
    const list = clicksOf.get(c.partner_id) ?? []
    list.push(c)
    clicksOf.set(c.partner_id, list)
  }
  const clickers = earners.filter((p) => (clicksOf.get(p.id)?.length ?? 0) > 0)
  const clickerSampler = new WeightedSampler(
    clickers.map((p) => (clicksOf.get(p.id)?.length ?? 0) * p.quality),
  )
  const couponers = earners.filter((p) => p.coupon !== null)
  const couponSampler = new WeightedSampler(couponers.map((p) => p.trafficWeight))
  const trafficLinks = inProgram
    .filter((p) => p.status === 'active' || p.status === 'suspended')
    .flatMap((p) => p.links.map((link) => ({ link, partner: p })))
  const byId = new Map(partners.map((p) => [p.id, p]))
  const demoId = inProgram.find((p) => p.email.endsWith('@tandem.test'))?.id

  const journeys: Journey[] = []
  let selfReferrals = 0
  for (let n = 0; n < count; n++) {
    const event = rng.chance(0.28) ? 'lead' : 'sale'
    const r = rng.next()
    let path: Path = 'click'
    if (event === 'sale' && couponers.length > 0 && r < 0.09) path = 'coupon'
    else if (event === 'sale' && couponers.length > 1 && r < 0.12) path = 'coupon_and_click'
    else if (r >= 0.12 && r < 0.13) path = 'expired'

    if (path === 'coupon') {
      const partner = couponers[couponSampler.sample(rng)]!
      journeys.push({
        path,
        event,
        occurredAt: traffic.randomTime(),
        touches: [],
        coupon: { code: partner.coupon!, partnerId: partner.id },
        visitor: traffic.freshVisitor(),
        selfReferralOf: null,
      })
      continue
    }
    if (path === 'expired') {
      const occurredAt = traffic.randomTime()
      const ts = occurredAt - Math.round((31 + 14 * rng.next()) * DAY_MS)
      const choice = rng.pick(trafficLinks)
      if (ts > traffic.startMs && choice.link.createdAt.getTime() < ts) {
        const visitor = traffic.freshVisitor()
        const click = traffic.click(choice.link, choice.partner, ts, visitor)
        journeys.push({
          path,
          event,
          occurredAt,
          touches: [click],
          coupon: null,
          visitor,
          selfReferralOf: null,
        })
        continue
      }
      path = 'click'
    }

    const partner = clickers[clickerSampler.sample(rng)]!
    const main = rng.pick(clicksOf.get(partner.id)!)
    const visitor: Visitor = {
      hash: main.visitor_hash,
      ipHash: main.ip_hash,
      country: main.country,
      device: main.device,
      userAgent: main.user_agent,
    }
    const fast = partner.flagged && rng.chance(0.35)
    const lag = fast
      ? rng.int(2_000, 8_000)
      : event === 'lead'
        ? rng.logNormal(20 * 60_000, 1.2)
        : rng.logNormal(3 * HOUR_MS, 1.8)
    const occurredAt = Math.max(
      main.ts + 1_000,
      Math.min(main.ts + Math.round(Math.min(lag, 25 * DAY_MS)), ctx.nowMs - 60_000),
    )
    const touches = [main]
    // An earlier click on another partner's link: last click decides who earns.
    if (rng.chance(0.25)) {
      const assistTs = main.ts - Math.round(rng.logNormal(1.5 * DAY_MS, 0.8))
      const other = rng.pick(trafficLinks)
      const suspendedBefore = other.partner.suspendedAt && other.partner.suspendedAt.getTime() < assistTs
      if (
        other.partner.id !== partner.id &&
        assistTs > traffic.startMs &&
        other.link.createdAt.getTime() < assistTs &&
        !suspendedBefore
      ) {
        touches.unshift(traffic.click(other.link, other.partner, assistTs, visitor))
      }
    }
    let coupon: Journey['coupon'] = null
    if (path === 'coupon_and_click') {
      const owner = couponers[couponSampler.sample(rng)]!
      if (owner.id !== partner.id) coupon = { code: owner.coupon!, partnerId: owner.id }
    }
    const selfReferral =
      event === 'sale' && selfReferrals < 3 && partner.id !== demoId && !fast && path === 'click'
    if (selfReferral) selfReferrals += 1
    journeys.push({
      path,
      event,
      occurredAt,
      touches,
      coupon,
      visitor,
      selfReferralOf: selfReferral ? partner : null,
    })
  }

  journeys.sort((a, b) => a.occurredAt - b.occurredAt)
  const conversions: SeedConversion[] = []
  let orderSeq = 0
  let leadSeq = 0
  for (const j of journeys) {
    const firstSeen = j.touches[0]?.ts ?? j.occurredAt
    const customer = j.selfReferralOf
      ? customers.add({
          programId: program.id,
          emailHash: j.selfReferralOf.emailHash,
          country: j.visitor.country,
          firstSeenAt: firstSeen,
        })
      : ((rng.chance(0.37) ? customers.returning(program.id, j.occurredAt) : null) ??
        customers.add({ programId: program.id, country: j.visitor.country, firstSeenAt: firstSeen }))
    const orderId =
      j.event === 'sale' ? `NW-${100_000 + ++orderSeq}` : `LEAD-${String(++leadSeq).padStart(5, '0')}`
    const items: Basket = j.event === 'sale' ? basket(rng) : { amount: 0, tax: 0, shipping: 0, lineItems: [] }
    conversions.push(
      decide(rng, ctx, {
        programId: program.id,
        program: 'affiliate',
        event: j.event,
        orderId,
        customer,
        occurredAt: j.occurredAt,
        basket: items,
        touches: j.touches,
        coupon: j.coupon,
        referrer: null,
        visitor: j.visitor,
        holdDays: program.holdDays,
        settings: program.attribution,
        partners: byId,
      }),
    )
  }
  return conversions
}

export interface ConversionFacts {
  programId: string
  program: 'affiliate' | 'referral'
  event: 'sale' | 'lead'
  orderId: string
  customer: SeedCustomer
  occurredAt: number
  basket: Basket
  touches: readonly ClickRow[]
  coupon: { code: string; partnerId: string } | null
  referrer: { partnerId: string; referredAt: number } | null
  visitor: Visitor
  holdDays: number
  settings: DemoPrograms['affiliate']['attribution']
  partners: ReadonlyMap<string, SeedPartner>
}

/** Core attributes the conversion and scores it for fraud; the seed then plans what happens to it. */
export function decide(rng: Random, ctx: SeedContext, f: ConversionFacts): SeedConversion {
  const named = new Set<string>([
    ...f.touches.map((c) => c.partner_id),
    ...(f.coupon ? [f.coupon.partnerId] : []),
    ...(f.referrer ? [f.referrer.partnerId] : []),
  ])
  const partnerFacts: Record<string, AttributionPartner> = {}
  for (const id of named) {
    const p = f.partners.get(id)
    if (p) partnerFacts[id] = { status: p.status, emailHashes: [p.emailHash] }
  }
  const customer = { emailHash: f.customer.emailHash, ipHash: f.visitor.ipHash }
  const attribution = attribute({
    clicks: f.touches.map((c) => ({
      clickId: c.click_id,
      partnerId: c.partner_id,
      linkId: String(c.link_id),
      at: new Date(c.ts),
      bot: c.is_bot === 1,
    })),
    coupon: f.coupon,
    referrer: f.referrer
      ? { partnerId: f.referrer.partnerId, referredAt: new Date(f.referrer.referredAt) }
      : null,
    settings: f.settings,
    partners: partnerFacts,
    customer,
    now: new Date(f.occurredAt),
  })
  const top = [...attribution.shares].sort((a, b) => b.weightPpm - a.weightPpm)[0] ?? null
  const winningClickId = top?.clickIds[top.clickIds.length - 1]
  const winningClick = winningClickId ? (f.touches.find((c) => c.click_id === winningClickId) ?? null) : null
  const earner = top ? f.partners.get(top.partnerId) : undefined
  const lastClick = f.touches[f.touches.length - 1]
  const fraud = scoreConversion(
    {
      clickAt: lastClick ? new Date(lastClick.ts) : null,
      occurredAt: new Date(f.occurredAt),
      customer,
      partner: { emailHashes: earner ? [earner.emailHash] : [] },
      orderIdSeenBefore: false,
      orderId: f.orderId,
    },
    defaultFraudConfig,
  )
  // Attribution flags that concern the customer's identity belong with the fraud flags; the
  // others (an ineligible partner's click was ignored) stay in the attribution explanation.
  const fraudFlags = [
    ...attribution.flags
      .filter((flag) => flag.code === 'self_referral' || flag.code === 'self_referral_blocked')
      .map((flag) => ({ code: flag.code, reason: flag.reason })),
    ...fraud.flags.map((flag) => ({ code: flag.code, reason: flag.reason })),
  ]
  // The "manager" rejects what core sends to review (or blocks); a flag alone is only shown.
  const review =
    attribution.needsReview || fraud.decision !== 'allow'
      ? fraudFlags.map((flag) => flag.code).join(', ') || 'fraud score'
      : null
  return {
    id: rng.uuid(),
    programId: f.programId,
    program: f.program,
    event: f.event,
    orderId: f.orderId,
    customer: f.customer,
    occurredAt: f.occurredAt,
    basket: f.basket,
    touches: f.touches,
    coupon: f.coupon,
    attribution,
    partnerId: top?.partnerId ?? null,
    winningClick,
    visitor: f.visitor,
    fraudFlags,
    fraudScore: fraud.score,
    holdDays: f.holdDays,
    planned: planOutcome(rng, {
      orderId: f.orderId,
      event: f.event,
      amount: f.basket.amount,
      occurredAt: f.occurredAt,
      nowMs: ctx.nowMs,
      review,
    }),
  }
}
