import type { ClickRow } from '@tandem/db'
import { DAY_MS, type SeedContext } from './context.ts'
import { CustomerBook } from './customers.ts'
import { buildAffiliateJourneys, type PlannedConversion } from './journeys.ts'
import { buildPartners, type SeedPartner } from './partners.ts'
import { buildPrograms, type DemoPrograms } from './programs.ts'
import { buildReferralJourneys } from './referrals.ts'
import { Traffic } from './traffic.ts'

/** Days before `now` when the payout batch is created (refunds after it become clawbacks); paid a day later. */
export const PAYOUT_DAYS_AGO = 16

/** The demo's story, generated from the PRNG alone: what happens, to whom, when. No ids of the stores. */
export interface Scenario {
  readonly programs: DemoPrograms
  readonly partners: readonly SeedPartner[]
  /** Every click, sorted by time, naming scenario keys (program key, partner key, link key). */
  readonly clicks: readonly ClickRow[]
  /** Every conversion the merchant reports, oldest first. */
  readonly conversions: readonly PlannedConversion[]
  /** The first instant of the 90 days of traffic (rule sets are in force from here). */
  readonly historyStartMs: number
  readonly payoutAt: number
}

export function buildScenario(ctx: SeedContext): Scenario {
  const { log } = ctx
  const programs = buildPrograms(ctx)
  const partners = buildPartners(ctx)
  log(`partners ${partners.length}`)
  const clickTarget = Math.max(2_000, Math.round(200_000 * ctx.scale))
  const traffic = new Traffic(ctx, partners, clickTarget)
  // Journeys add their own clicks (~0.3 per conversion and one per referred friend).
  const journeyClicks = Math.round(1_100 * ctx.scale)
  traffic.generate(Math.max(1_000, clickTarget - journeyClicks), log)

  const customers = new CustomerBook(ctx.rng.fork('customers'))
  const affiliate = buildAffiliateJourneys(ctx, partners, traffic, customers)
  const referral = buildReferralJourneys(ctx, partners, traffic, customers)
  log(
    `conversions planned: ${affiliate.length} affiliate, ${referral.purchases.length} purchases of ${referral.friends} referred friends, ${customers.all.length} customers`,
  )
  const conversions = [...affiliate, ...referral.purchases].sort((a, b) => a.occurredAt - b.occurredAt)
  return {
    programs,
    partners,
    clicks: traffic.finish(),
    conversions,
    historyStartMs: traffic.startMs,
    payoutAt: ctx.nowMs - PAYOUT_DAYS_AGO * DAY_MS,
  }
}
