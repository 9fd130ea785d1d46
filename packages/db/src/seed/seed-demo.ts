import { createHash } from 'node:crypto'
import { hashPassword } from '../auth/passwords.ts'
import type { Stores } from '../stores.ts'
import { auditRows, conversionRows, eventRows, payoutRows } from './assemble.ts'
import type { SeedContext } from './context.ts'
import { buildAffiliateConversions } from './conversions.ts'
import { CustomerBook } from './customers.ts'
import type { DemoDataset } from './dataset.ts'
import { DEMO_PASSWORD } from './demo-logins.ts'
import { runLedger } from './ledger.ts'
import { buildPartners } from './partners.ts'
import { buildPrograms } from './programs.ts'
import { Random } from './random.ts'
import { buildReferralFriends, buildReferralRewards } from './referrals.ts'
import { readSeedSummary, type SeedSummary, summarize } from './summary.ts'
import { Traffic } from './traffic.ts'
import { writeClickHouse } from './write-clickhouse.ts'
import { writePostgres } from './write-postgres.ts'

export interface SeedOptions {
  /** Every date is relative to this instant: the same `now` (and scale) gives the same data. */
  readonly now: Date
  /** Progress lines ("clicks 100000/200000"). */
  readonly log?: (line: string) => void
  /** 1 = the full demo (~50 partners, ~200k clicks, ~3k conversions); tests use e.g. 0.05. */
  readonly scale?: number
  /** A precomputed hash of DEMO_PASSWORD (argon2 is slow on purpose; tests may reuse one). */
  readonly passwordHash?: string
}

/** Days before `now` when the paid payout batch ran (refunds after it become clawbacks). */
const PAYOUT_DAYS_AGO = 16

/** True when the stores already hold programs (seeded, or in real use): the seed then does nothing. */
export async function isSeeded(stores: Pick<Stores, 'db'>): Promise<boolean> {
  const row = await stores.db.selectFrom('programs').select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

/**
 * Fills empty stores with a deterministic demo: two programs, ~50 partners, users for every
 * DEMO_LOGINS entry, links, coupons, ~2k customers, ~200k clicks, ~3k conversions with their
 * commission ledger, referral rewards and one paid payout batch. Every decision (attribution,
 * commissions, lifecycle, reversals, rewards, payouts, click fraud) is core's.
 * Seeding stores that already hold programs is a no-op that returns what they hold.
 */
export async function seedDemo(stores: Stores, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {})
  const scale = options.scale ?? 1
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new RangeError(`seedDemo: now must be a valid Date, got ${String(options.now)}`)
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new RangeError(`seedDemo: scale must be a number in (0, 10], got ${String(scale)}`)
  }
  if (await isSeeded(stores)) {
    log('already seeded: nothing to do')
    return readSeedSummary(stores, false)
  }
  const now = new Date(options.now.getTime())
  const seedKey = createHash('sha256')
    .update(`tandem-demo:v1:${now.toISOString()}:${scale}`)
    .digest('hex')
    .slice(0, 16)
  const ctx: SeedContext = { now, nowMs: now.getTime(), scale, rng: Random.from(seedKey), log }

  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD))
  const data = buildDemoDataset(ctx, passwordHash)
  const summary = summarize(data, now, scale)

  // ClickHouse inserts run (in chDB's threads, or on the server) while Postgres is written in
  // one transaction that commits only after ClickHouse acknowledged every batch: a failure on
  // either side leaves Postgres unseeded, and a re-run with the same `now` is deduplicated by
  // the batch tokens.
  const token = `tandem-seed:${seedKey}`
  const clickhouse = (async () => {
    await writeClickHouse(stores.ch, 'clicks', data.clickhouse.clicks, token, log)
    await writeClickHouse(stores.ch, 'events', data.clickhouse.events, token, log)
  })()
  // Handled below; this only keeps an early failure from counting as an unhandled rejection.
  clickhouse.catch(() => {})
  let wrote: boolean
  try {
    wrote = await writePostgres(stores.db, data, log, () => clickhouse)
  } finally {
    // Never leave an insert running behind the caller's back (it may close the stores next).
    await clickhouse.catch(() => {})
  }
  await clickhouse // rethrows a ClickHouse failure that Postgres did not wait for
  if (!wrote) {
    log('another seeder finished first: nothing written to Postgres')
    return readSeedSummary(stores, false)
  }
  log(
    `seeded: ${summary.partners} partners, ${summary.clicks} clicks, ${summary.conversions} conversions, ${summary.commissions} ledger rows`,
  )
  return summary
}

/** The whole dataset in memory (pure apart from the PRNG): every row of both stores. */
export function buildDemoDataset(ctx: SeedContext, passwordHash: string): DemoDataset {
  const { log } = ctx
  const programs = buildPrograms(ctx)
  log('programs 2')
  const partners = buildPartners(ctx, programs, passwordHash)
  log(`partners ${partners.partners.length}`)
  log(`links ${partners.linkRows.length}, coupons ${partners.couponRows.length}`)

  const clickTarget = Math.max(2_000, Math.round(200_000 * ctx.scale))
  const traffic = new Traffic(ctx, partners.partners, clickTarget)
  // Journeys add their own clicks (~0.3 per conversion and one per referred friend).
  const journeyClicks = Math.round(1_100 * ctx.scale)
  traffic.generate(Math.max(1_000, clickTarget - journeyClicks), log)

  const customers = new CustomerBook(ctx.rng.fork('customers'))
  const affiliate = buildAffiliateConversions(ctx, programs, partners.partners, traffic, customers)
  log(`conversions ${affiliate.length} (affiliate program)`)
  const referral = buildReferralFriends(ctx, programs, partners.partners, traffic, customers)
  log(`referred friends ${referral.friends.length}, their purchases ${referral.conversions.length}`)
  const conversions = [...affiliate, ...referral.conversions].sort((a, b) => a.occurredAt - b.occurredAt)
  log(`customers ${customers.all.length}`)

  const ledger = runLedger(ctx, programs, partners.byId, conversions, PAYOUT_DAYS_AGO)
  log(`ledger rows ${ledger.rows.length}, payouts ${ledger.payouts.length}`)
  const rewards = buildReferralRewards(ctx, programs, referral.friends, (id) => {
    return ledger.outcomes.get(id)?.lifecycle.refunded.amountMinor ?? 0
  })
  log(`referral rewards ${rewards.length}`)

  const pg = conversionRows(conversions, ledger)
  const payout = payoutRows(ctx, ledger, partners)
  const audit = auditRows(ctx, partners, conversions, ledger, {
    batchId: payout.batchId,
    total: payout.batches[0]?.total_minor ?? 0,
    payouts: payout.payouts.length,
  })
  const clicks = traffic.finish()
  return {
    postgres: {
      programs: [programs.affiliate.row, programs.referral.row],
      partner_groups: programs.affiliate.groupRows,
      // Parents before their 2-tier children.
      partners: [...partners.partnerRows].sort(
        (a, b) => Number(a.parent_partner_id !== null) - Number(b.parent_partner_id !== null),
      ),
      users: partners.userRows,
      program_enrollments: partners.enrollmentRows,
      commission_rules: programs.affiliate.ruleRows,
      links: partners.linkRows,
      coupons: partners.couponRows,
      customers: customers.rows(),
      conversions: pg.conversions,
      commissions: pg.commissions,
      referral_rewards: rewards,
      payout_batches: payout.batches,
      payouts: payout.payouts,
      payout_items: payout.items,
      audit_log: audit,
    },
    clickhouse: { clicks, events: eventRows(ctx, conversions, ledger) },
  }
}
