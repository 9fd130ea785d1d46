import { type ConversionStatus, eventTotals, type Stores, storeTotals } from '@tandem/db'
import { CURRENCY } from './scenario/programs.ts'

/** What the stores hold after a seed (or, when it skipped, what they held). Counts are rows. */
export interface SeedSummary {
  /** False when the stores already held programs (a seed, or real use) and nothing was written. */
  readonly seeded: boolean
  /** The `now` the history ends at, and the scale (null when nothing was seeded). */
  readonly now: string | null
  readonly scale: number | null
  readonly programs: number
  readonly partnerGroups: number
  readonly partners: number
  readonly users: number
  readonly enrollments: number
  readonly commissionRules: number
  readonly links: number
  readonly coupons: number
  readonly customers: number
  /** ClickHouse `clicks` rows of the programs, and how many of them are bots. */
  readonly clicks: number
  readonly botClicks: number
  readonly conversions: number
  readonly conversionsByStatus: Readonly<Record<ConversionStatus, number>>
  /** Commission ledger rows (commissions, overrides, reversals, clawbacks). */
  readonly commissions: number
  readonly referralRewards: number
  readonly payoutBatches: number
  readonly payouts: number
  readonly payoutItems: number
  /** ClickHouse `events` rows of the programs (conversions, status changes, refunds). */
  readonly events: number
  readonly auditLog: number
  readonly totals: {
    readonly currency: string
    /** Sum of amount − refunded over conversions that are not rejected. */
    readonly revenueMinor: number
    /** Sum of ledger rows that are not rejected (reversals and clawbacks included). */
    readonly commissionMinor: number
    /** Sum of paid payouts. */
    readonly paidMinor: number
  }
}

/** The summary, read from the stores (the demo's money is all in EUR). */
export async function readSeedSummary(
  stores: Pick<Stores, 'db' | 'ch'>,
  seeded: { now: Date; scale: number } | null,
): Promise<SeedSummary> {
  const pg = await storeTotals(stores.db)
  const ch = await eventTotals(stores.ch, pg.programIds)
  return {
    seeded: seeded !== null,
    now: seeded ? seeded.now.toISOString() : null,
    scale: seeded ? seeded.scale : null,
    programs: pg.rows.programs,
    partnerGroups: pg.rows.partner_groups,
    partners: pg.rows.partners,
    users: pg.rows.users,
    enrollments: pg.rows.program_enrollments,
    commissionRules: pg.rows.commission_rules,
    links: pg.rows.links,
    coupons: pg.rows.coupons,
    customers: pg.rows.customers,
    clicks: ch.clicks,
    botClicks: ch.botClicks,
    conversions: pg.rows.conversions,
    conversionsByStatus: pg.conversionsByStatus,
    commissions: pg.rows.commissions,
    referralRewards: pg.rows.referral_rewards,
    payoutBatches: pg.rows.payout_batches,
    payouts: pg.rows.payouts,
    payoutItems: pg.rows.payout_items,
    events: ch.events,
    auditLog: pg.rows.audit_log,
    totals: {
      currency: CURRENCY,
      revenueMinor: pg.revenueMinor[CURRENCY] ?? 0,
      commissionMinor: pg.commissionMinor[CURRENCY] ?? 0,
      paidMinor: pg.paidMinor[CURRENCY] ?? 0,
    },
  }
}
