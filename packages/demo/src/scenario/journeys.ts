import type { ClickRow } from '@tandem/db'
import { DAY_MS, HOUR_MS, type SeedContext, scaled } from './context.ts'
import type { CustomerBook, SeedCustomer } from './customers.ts'
import { type Basket, basket } from './orders.ts'
import type { SeedPartner } from './partners.ts'
import type { ProgramKey } from './programs.ts'
import { WeightedSampler } from './random.ts'
import type { Traffic, Visitor } from './traffic.ts'

/** A conversion as the merchant will report it: who bought what, when, after which clicks, with which coupon. */
export interface PlannedConversion {
  readonly programKey: ProgramKey
  readonly event: 'sale' | 'lead'
  readonly orderId: string
  readonly customer: SeedCustomer
  readonly occurredAt: number
  readonly basket: Basket
  /** Clicks the shopper made before buying, oldest first (their click ids go with the conversion). */
  readonly touches: readonly ClickRow[]
  readonly coupon: string | null
  readonly visitor: Visitor
}

type Path = 'click' | 'coupon' | 'coupon_and_click' | 'expired'

interface Journey {
  event: 'sale' | 'lead'
  occurredAt: number
  touches: ClickRow[]
  coupon: string | null
  visitor: Visitor
  selfReferralOf: SeedPartner | null
}

/**
 * ~2,700 affiliate-program conversions (sales and leads). Each has a journey of real clicks
 * (often with an earlier click from another partner, sometimes a coupon, a few with only an
 * expired click) and a customer (new or returning). Who earns is the services' (core's) call.
 */
export function buildAffiliateJourneys(
  ctx: SeedContext,
  partners: readonly SeedPartner[],
  traffic: Traffic,
  customers: CustomerBook,
): PlannedConversion[] {
  const rng = ctx.rng.fork('affiliate-conversions')
  const count = scaled(ctx, 2700, 80)
  const inProgram = partners.filter((p) => p.programKey === 'affiliate')
  const earners = inProgram.filter((p) => p.status === 'active' && p.links.length > 0)
  const clicksOf = new Map<string, ClickRow[]>()
  for (const c of traffic.clicks) {
    if (c.is_bot || c.program_id !== 'affiliate') continue
    const list = clicksOf.get(c.partner_id) ?? []
    list.push(c)
    clicksOf.set(c.partner_id, list)
  }
  const clickers = earners.filter((p) => (clicksOf.get(p.key)?.length ?? 0) > 0)
  const clickerSampler = new WeightedSampler(
    clickers.map((p) => (clicksOf.get(p.key)?.length ?? 0) * p.quality),
  )
  const couponers = earners.filter((p) => p.coupon !== null)
  const couponSampler = new WeightedSampler(couponers.map((p) => p.trafficWeight))
  const trafficLinks = inProgram
    .filter((p) => p.status === 'active' || p.status === 'suspended')
    .flatMap((p) => p.links.map((link) => ({ link, partner: p })))
  const demoKey = inProgram.find((p) => p.email.endsWith('@tandem.test'))?.key

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
        event,
        occurredAt: traffic.randomTime(),
        touches: [],
        coupon: partner.coupon!.code,
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
        journeys.push({ event, occurredAt, touches: [click], coupon: null, visitor, selfReferralOf: null })
        continue
      }
      path = 'click'
    }

    const partner = clickers[clickerSampler.sample(rng)]!
    const main = rng.pick(clicksOf.get(partner.key)!)
    const visitor: Visitor = {
      hash: main.visitor_hash,
      ipHash: main.ip_hash,
      country: main.country,
      device: main.device,
      userAgent: main.user_agent,
    }
    const fast = partner.suspicious && rng.chance(0.35)
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
        other.partner.key !== partner.key &&
        assistTs > traffic.startMs &&
        other.link.createdAt.getTime() < assistTs &&
        !suspendedBefore
      ) {
        touches.unshift(traffic.click(other.link, other.partner, assistTs, visitor))
      }
    }
    let coupon: string | null = null
    if (path === 'coupon_and_click') {
      const owner = couponers[couponSampler.sample(rng)]!
      if (owner.key !== partner.key) coupon = owner.coupon!.code
    }
    // A few partners buy through their own link: the customer's email is theirs.
    const selfReferral =
      event === 'sale' && selfReferrals < 3 && partner.key !== demoKey && !fast && path === 'click'
    if (selfReferral) selfReferrals += 1
    journeys.push({
      event,
      occurredAt,
      touches,
      coupon,
      visitor,
      selfReferralOf: selfReferral ? partner : null,
    })
  }

  journeys.sort((a, b) => a.occurredAt - b.occurredAt)
  let orderSeq = 0
  let leadSeq = 0
  return journeys.map((j) => {
    const firstSeenAt = j.touches[0]?.ts ?? j.occurredAt
    const customer = j.selfReferralOf
      ? customers.add({ programKey: 'affiliate', emailHash: j.selfReferralOf.emailHash, firstSeenAt })
      : ((rng.chance(0.37) ? customers.returning('affiliate', j.occurredAt) : null) ??
        customers.add({ programKey: 'affiliate', firstSeenAt }))
    const orderId =
      j.event === 'sale' ? `NW-${100_000 + ++orderSeq}` : `LEAD-${String(++leadSeq).padStart(5, '0')}`
    const items: Basket = j.event === 'sale' ? basket(rng) : { amount: 0, tax: 0, shipping: 0, lineItems: [] }
    return {
      programKey: 'affiliate',
      event: j.event,
      orderId,
      customer,
      occurredAt: j.occurredAt,
      basket: items,
      touches: j.touches,
      coupon: j.coupon,
      visitor: j.visitor,
    }
  })
}
