import { DAY_MS, HOUR_MS, MINUTE_MS, type SeedContext, scaled } from './context.ts'
import type { CustomerBook } from './customers.ts'
import type { PlannedConversion } from './journeys.ts'
import { basket } from './orders.ts'
import type { SeedPartner } from './partners.ts'
import { WeightedSampler } from './random.ts'
import type { Traffic } from './traffic.ts'

/**
 * ~300 friends referred by ambassadors: each clicked the ambassador's invite link (a real click)
 * and most bought with the friend coupon. Recording the purchase makes the friend a customer of
 * the referral program with the ambassador as referrer (lifetime attribution), and the rewards
 * service settles what the ambassador and the friend get.
 */
export function buildReferralJourneys(
  ctx: SeedContext,
  partners: readonly SeedPartner[],
  traffic: Traffic,
  customers: CustomerBook,
): { friends: number; purchases: PlannedConversion[] } {
  const rng = ctx.rng.fork('referrals')
  const ambassadors = partners.filter(
    (p) => p.programKey === 'referral' && p.status === 'active' && p.links.length > 0,
  )
  if (ambassadors.length === 0) return { friends: 0, purchases: [] }
  const sampler = new WeightedSampler(ambassadors.map((p) => p.trafficWeight))
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

  const purchases: PlannedConversion[] = []
  let orderSeq = 0
  for (const { ambassador, clickTs } of drafts) {
    const visitor = traffic.freshVisitor()
    const click = traffic.click(ambassador.links[0]!, ambassador, clickTs, visitor)
    const signedUpAt = Math.min(clickTs + rng.int(2, 15) * MINUTE_MS, ctx.nowMs - MINUTE_MS)
    const occurredAt = signedUpAt + Math.round(Math.min(rng.logNormal(1.5 * DAY_MS, 1.0), 40 * DAY_MS))
    const buys = rng.chance(0.8) && occurredAt < ctx.nowMs - HOUR_MS
    if (!buys) continue
    purchases.push({
      programKey: 'referral',
      event: 'sale',
      orderId: `NW-${500_000 + ++orderSeq}`,
      customer: customers.add({ programKey: 'referral', firstSeenAt: signedUpAt }),
      occurredAt,
      // The friend coupon takes 10% off.
      basket: basket(rng, 1000),
      touches: [click],
      coupon: ambassador.coupon?.code ?? null,
      visitor,
    })
  }
  return { friends: drafts.length, purchases }
}
